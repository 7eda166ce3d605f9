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

import {
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { Content } from '@backstage/core-components';
import { bundleRouteRef, rootRouteRef } from '../routes';

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

/**
 * A tab of the /aws-access page whose content sits in the page's padding.
 * Generic in its name, so the plugin's typed extension ids keep it.
 */
function contentTab<TName extends string>(
  name: TName,
  title: string,
  content: () => Promise<JSX.Element>,
) {
  return SubPageBlueprint.make({
    name,
    attachTo: { id: 'page:aws-access', input: 'pages' },
    params: {
      path: name,
      title,
      loader: () => content().then(element => <Content>{element}</Content>),
    },
  });
}

export const grantsSubPage = contentTab('grants', 'Grants', () =>
  import('../components/GrantsPage').then(m => <m.GrantsPage />),
);

export const requestSubPage = contentTab('request', 'New request', () =>
  import('../components/RequestPage').then(m => <m.RequestPage />),
);

/**
 * A bundle's page: a page of its own rather than a tab, since it shows
 * one request that people reach from links.
 */
export const bundlePage = PageBlueprint.make({
  name: 'bundle',
  params: {
    path: '/aws-access/bundles/:id',
    title: 'Access request',
    routeRef: convertLegacyRouteRef(bundleRouteRef),
    loader: () =>
      import('../components/BundlePage').then(m => <m.BundlePage />),
  },
});

export const approvalsSubPage = contentTab('approvals', 'Approvals', () =>
  import('../components/ApprovalsInbox').then(m => <m.ApprovalsInbox />),
);

export const breakGlassSubPage = contentTab(
  'break-glass',
  'Break-glass review',
  () =>
    import('../components/BreakGlass').then(m => <m.BreakGlassReviewQueue />),
);

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
