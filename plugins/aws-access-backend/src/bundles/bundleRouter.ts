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
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  createBundleRequestSchema,
  Grant,
  grantCreatePermission,
  grantReadPermission,
} from '@backstage-aws-access/plugin-aws-access-common';
import express from 'express';
import Router from 'express-promise-router';
import { GrantRecord } from '../database/types';
import {
  GRANT_CHANGES,
  GrantChangeVerb,
  parseChangeBody,
} from '../grantApi/grantRequests';
import { userRequestOf } from '../permissions/caller';
import { GrantAuthorization } from '../permissions/grantAuthorization';
import { InventoryReadiness } from '../resources/inventoryReadiness';
import { parseInput } from '../http/parseInput';
import { authorizeBundle } from './bundleAuthorization';
import { applyBundleChange } from './bundleChanges';
import { BundleService, BundleWithParts } from './BundleService';
import { toApiBundle } from './bundleView';

const BODY_LIMIT = '32kb';

/** `/bundles`: the REST API of bundles, with the same permissions as grants. */
export function createBundleRouter(options: {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  authorization: GrantAuthorization;
  bundles: BundleService;
  present: (grant: GrantRecord) => Grant;
  inventoryReadiness?: InventoryReadiness;
}): express.Router {
  const { httpAuth, userInfo, authorization, bundles, present } = options;
  const router = Router();
  router.use('/bundles', express.json({ limit: BODY_LIMIT }));
  const view = ({ bundle, parts }: BundleWithParts) =>
    toApiBundle(bundle, parts.map(present));
  // Writes act for the signed-in user only: the requester is never taken
  // from the body.
  const writer = (req: express.Request) =>
    userRequestOf(req, { httpAuth, userInfo });

  const requester = async (req: express.Request) => {
    const { credentials, caller } = await writer(req);
    const request = parseInput(createBundleRequestSchema, req.body);
    await authorization.authorizeBasic(credentials, grantCreatePermission);
    await options.inventoryReadiness?.assertReady();
    return { user: await caller(), request };
  };

  router.post('/bundles', async (req, res) => {
    const { user, request } = await requester(req);
    res.status(201).json(view(await bundles.create(request, user)));
  });

  router.post('/bundles/preview', async (req, res) => {
    const { user, request } = await requester(req);
    res.json(await bundles.preview(request, user));
  });

  router.get('/bundles/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      view(
        await authorizeBundle(
          authorization,
          bundles,
          credentials,
          grantReadPermission,
          req.params.id,
          'see',
        ),
      ),
    );
  });

  // A change to a bundle: POST /bundles/:id/<verb>. The body is parsed,
  // the permission decided, and the bundle read once and handed on.
  for (const verb of Object.keys(GRANT_CHANGES) as GrantChangeVerb[]) {
    router.post(`/bundles/:id/${verb}`, async (req, res) => {
      const { credentials, caller } = await writer(req);
      const body = parseChangeBody(verb, req.body);
      const current = await authorizeBundle(
        authorization,
        bundles,
        credentials,
        GRANT_CHANGES[verb].permission,
        req.params.id,
        verb,
      );
      res.json(
        view(
          await applyBundleChange(bundles, verb, current, body, await caller()),
        ),
      );
    });
  }
  return router;
}
