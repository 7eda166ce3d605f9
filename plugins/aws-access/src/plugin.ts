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
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { AwsAccessClient } from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from './api';
import { bundleRouteRef, rootRouteRef } from './routes';

/**
 * The aws-access plugin for apps on the old frontend system. Apps on the new
 * frontend system use the package's default export instead.
 *
 * @public
 */
export const awsAccessPlugin = createPlugin({
  id: 'aws-access',
  routes: { root: rootRouteRef, bundle: bundleRouteRef },
  apis: [
    createApiFactory({
      api: awsAccessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AwsAccessClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The grants page: mine or all, filtered by state, account and resource.
 *
 * @public
 */
export const AwsAccessPage: () => JSX.Element = awsAccessPlugin.provide(
  createRoutableExtension({
    name: 'AwsAccessPage',
    component: () =>
      import('./components/AwsAccessPage').then(m => m.AwsAccessPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The page of a bundle, one request over several resources; mount it at
 * `/aws-access/bundles/:id`.
 *
 * @public
 */
export const AwsAccessBundlePage: () => JSX.Element = awsAccessPlugin.provide(
  createRoutableExtension({
    name: 'AwsAccessBundlePage',
    component: () =>
      import('./components/BundlePage').then(m => m.LegacyBundlePage),
    mountPoint: bundleRouteRef,
  }),
);

/**
 * Entity tab "Request access" for AWS resources.
 *
 * @public
 */
export const EntityAwsAccessRequestContent: () => JSX.Element =
  awsAccessPlugin.provide(
    createComponentExtension({
      name: 'EntityAwsAccessRequestContent',
      component: {
        lazy: () =>
          import('./components/EntityRequestAccessContent').then(
            m => m.EntityRequestAccessContent,
          ),
      },
    }),
  );

/**
 * Entity tab "Active grants" (with revoke) for AWS resources.
 *
 * @public
 */
export const EntityAwsAccessGrantsContent: () => JSX.Element =
  awsAccessPlugin.provide(
    createComponentExtension({
      name: 'EntityAwsAccessGrantsContent',
      component: {
        lazy: () =>
          import('./components/EntityActiveGrantsContent').then(
            m => m.EntityActiveGrantsContent,
          ),
      },
    }),
  );

/**
 * Entity tab "Expiry" (countdowns, extend, history) for AWS resources.
 *
 * @public
 */
export const EntityAwsAccessExpiryContent: () => JSX.Element =
  awsAccessPlugin.provide(
    createComponentExtension({
      name: 'EntityAwsAccessExpiryContent',
      component: {
        lazy: () =>
          import('./components/EntityExpiryContent').then(
            m => m.EntityExpiryContent,
          ),
      },
    }),
  );

/**
 * The grant itself, for the page of an `aws-access-grant` entity.
 *
 * @public
 */
export const EntityAwsAccessGrantContent: () => JSX.Element =
  awsAccessPlugin.provide(
    createComponentExtension({
      name: 'EntityAwsAccessGrantContent',
      component: {
        lazy: () =>
          import('./components/EntityGrantContent').then(
            m => m.EntityGrantContent,
          ),
      },
    }),
  );

/**
 * Overview card with who holds access and a "Request access" button.
 *
 * @public
 */
export const EntityAwsAccessCard: () => JSX.Element = awsAccessPlugin.provide(
  createComponentExtension({
    name: 'EntityAwsAccessCard',
    component: {
      lazy: () =>
        import('./components/EntityAwsAccessCard').then(
          m => m.EntityAwsAccessCard,
        ),
    },
  }),
);
