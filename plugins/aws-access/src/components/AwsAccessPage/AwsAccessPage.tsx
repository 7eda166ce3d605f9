/*
 * Copyright 2026 The Backstage AWS Access Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { AccountsPage } from '../AccountsPage';
import { ApprovalsInbox } from '../ApprovalsInbox';
import { BreakGlassReviewQueue } from '../BreakGlass';
import { GrantsPage } from '../GrantsPage';
import { RequestPage } from '../RequestPage';

/** The page's tabs, in order; the new frontend system's sub-pages match them. */
const TABS = [
  { path: '/', title: 'Grants', content: <GrantsPage /> },
  { path: '/request', title: 'New request', content: <RequestPage /> },
  { path: '/approvals', title: 'Approvals', content: <ApprovalsInbox /> },
  {
    path: '/break-glass',
    title: 'Break-glass review',
    content: <BreakGlassReviewQueue />,
  },
  { path: '/accounts', title: 'AWS accounts', content: <AccountsPage /> },
];

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
        {TABS.map(tab => (
          <TabbedLayout.Route key={tab.path} path={tab.path} title={tab.title}>
            {tab.content}
          </TabbedLayout.Route>
        ))}
      </TabbedLayout>
    </Page>
  );
}
