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

export const requestSubPage = SubPageBlueprint.make({
  name: 'request',
  attachTo: { id: 'page:aws-access', input: 'pages' },
  params: {
    path: 'request',
    title: 'New request',
    loader: () =>
      import('../components/RequestPage').then(m => (
        <Content>
          <m.RequestPage />
        </Content>
      )),
  },
});

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
