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

import { createBreakGlassRouter } from '../breakGlass/breakGlassRouter';
import { createBundleRouter } from '../bundles/bundleRouter';
import { createAccessReviewRouter } from '../export/accessReviewExport';
import { createGrantRouter } from './grantRouter';

/** What the routers need, each from the plugin's one wiring. */
export type ApiRoutersOptions = Parameters<typeof createGrantRouter>[0] &
  Omit<Parameters<typeof createBundleRouter>[0], 'present'> &
  Parameters<typeof createBreakGlassRouter>[0] &
  Parameters<typeof createAccessReviewRouter>[0];

/**
 * The REST API: grants, bundles, break-glass reviews, the access review
 * export. One list, so `plugin.ts` and the tests mount the same routes in
 * the same order.
 */
export async function createApiRouters(options: ApiRoutersOptions) {
  const { httpAuth, userInfo, authorization, grants, inventoryReadiness } =
    options;
  return [
    await createGrantRouter({
      httpAuth,
      userInfo,
      permissions: options.permissions,
      permissionEvaluators: options.permissionEvaluators,
      grants,
      inventoryReadiness,
    }),
    createBundleRouter({
      httpAuth,
      userInfo,
      authorization,
      bundles: options.bundles,
      present: grant => grants.present(grant),
      inventoryReadiness,
    }),
    createBreakGlassRouter({
      httpAuth,
      userInfo,
      reviewing: options.reviewing,
    }),
    createAccessReviewRouter({
      httpAuth,
      authorization,
      store: options.store,
      reviews: options.reviews,
    }),
  ];
}
