import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { AccountsPage } from '../AccountsPage';
import { ApprovalsInbox } from '../ApprovalsInbox';
import { BreakGlassReviewQueue } from '../BreakGlass';
import { GrantsPage } from '../GrantsPage';

/**
 * The /aws-access page for apps on the old frontend system, with its own
 * header and tabs. (In the new system the app's page layout draws the
 * header, and the tabs are sub-page extensions.)
 */
export function AwsAccessPage() {
  return (
    <Page themeId="tool">
      <Header
        title="AWS access"
        subtitle="Time-bound, least-privilege IAM access to AWS resources"
      />
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="Grants">
          <GrantsPage />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/approvals" title="Approvals">
          <ApprovalsInbox />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/break-glass" title="Break-glass review">
          <BreakGlassReviewQueue />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/accounts" title="AWS accounts">
          <AccountsPage />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
