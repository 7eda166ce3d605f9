import {
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { Content } from '@backstage/core-components';
import { rootRouteRef } from '../routes';

/**
 * The page at /aws-access. Its tabs are sub-pages, so adopters can add
 * their own tabs next to "Grants" and "AWS accounts".
 */
export const awsAccessPage = PageBlueprint.make({
  params: {
    path: '/aws-access',
    routeRef: convertLegacyRouteRef(rootRouteRef),
  },
});

export const grantsSubPage = SubPageBlueprint.make({
  name: 'grants',
  attachTo: { id: 'page:aws-access', input: 'pages' },
  params: {
    path: 'grants',
    title: 'Grants',
    loader: () =>
      import('../components/GrantsPage').then(m => (
        <Content>
          <m.GrantsPage />
        </Content>
      )),
  },
});

export const approvalsSubPage = SubPageBlueprint.make({
  name: 'approvals',
  attachTo: { id: 'page:aws-access', input: 'pages' },
  params: {
    path: 'approvals',
    title: 'Approvals',
    loader: () =>
      import('../components/ApprovalsInbox').then(m => (
        <Content>
          <m.ApprovalsInbox />
        </Content>
      )),
  },
});

export const breakGlassSubPage = SubPageBlueprint.make({
  name: 'break-glass',
  attachTo: { id: 'page:aws-access', input: 'pages' },
  params: {
    path: 'break-glass',
    title: 'Break-glass review',
    loader: () =>
      import('../components/BreakGlass').then(m => (
        <Content>
          <m.BreakGlassReviewQueue />
        </Content>
      )),
  },
});

export const accountsSubPage = SubPageBlueprint.make({
  name: 'accounts',
  attachTo: { id: 'page:aws-access', input: 'pages' },
  params: {
    path: 'accounts',
    title: 'AWS accounts',
    loader: () =>
      import('../components/AccountsPage').then(m => <m.AccountsPage />),
  },
});
