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
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  createGrantRequestSchema,
  grantCreatePermission,
  grantReadPermission,
  listActionsQuerySchema,
  listGrantsQuerySchema,
} from '@backstage-aws-access/plugin-aws-access-common';
import express from 'express';
import Router from 'express-promise-router';
import { GrantRecord } from '../database/types';
import {
  GRANT_CHANGES,
  GrantChangeBody,
  GrantChangeVerb,
  parseChangeBody,
} from '../grantApi/grantRequests';
import { GrantPermissionEvaluators } from '../permissions/registerGrantPermissions';
import { Caller, userRequestOf } from '../permissions/caller';
import { createGrantAuthorization } from '../permissions/grantAuthorization';
import { GrantService } from '../grantApi/GrantService';
import { InventoryReadiness } from '../resources/inventoryReadiness';
import { parseInput } from './parseInput';

/** Requests are small JSON documents; anything bigger is refused (413) unread. */
const BODY_LIMIT = '32kb';

/**
 * The REST API (the repository README's "REST API"). Handlers authenticate, ask the permission
 * framework, and translate; the rules live in {@link GrantService}. Errors
 * are thrown as `@backstage/errors` and rendered by the framework's error
 * handler.
 *
 * Every endpoint but `/health` is authorized: `aws-access.grant.create` to
 * look up accounts and actions and to request; `aws-access.grant.read` for
 * grants (lists are narrowed in SQL by a conditional decision);
 * `aws-access.grant.revoke` to revoke or cancel; `aws-access.grant.extend`
 * to extend; `aws-access.grant.approve` to approve or reject (the table is
 * `GRANT_CHANGES`, in `grantApi/grantRequests.ts`). Other plugins calling
 * with service credentials are allowed by the permission framework.
 */
export async function createGrantRouter(options: {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  permissionEvaluators: GrantPermissionEvaluators;
  grants: GrantService;
  /** Answers 503 to requests until the first AWS discovery has run. */
  inventoryReadiness?: InventoryReadiness;
}): Promise<express.Router> {
  const { httpAuth, userInfo, permissions, permissionEvaluators, grants } =
    options;
  const assertInventoryReady = () => options.inventoryReadiness?.assertReady();
  const router = Router();
  router.use(express.json({ limit: BODY_LIMIT }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  // Writes act for the signed-in user only: the requester is never taken
  // from the body.
  const writer = (req: express.Request) =>
    userRequestOf(req, { httpAuth, userInfo });

  // The same checks as the Backstage actions (see grantAuthorization.ts).
  const { authorizeBasic, authorizedGrant, listFilter } =
    createGrantAuthorization({
      permissions,
      permissionEvaluators,
      getGrant: id => grants.mustGet(id),
    });

  router.get('/accounts', async (req, res) => {
    await authorizeBasic(await credentialsOf(req), grantCreatePermission);
    res.json({ items: grants.listAccounts(), limits: grants.limits() });
  });

  router.get('/actions', async (req, res) => {
    const { resourceArn } = parseInput(listActionsQuerySchema, req.query);
    await authorizeBasic(await credentialsOf(req), grantCreatePermission);
    res.json({ items: grants.listActions(resourceArn) });
  });

  router.get('/grants', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseInput(listGrantsQuerySchema, req.query);
    const page = await grants.listGrants(
      query,
      await listFilter(credentials, grantReadPermission),
    );
    res.json({
      items: page.items.map(g => grants.present(g)),
      ...(page.nextCursor && { nextCursor: page.nextCursor }),
    });
  });

  router.get('/grants/:id', async (req, res) => {
    const grant = await authorizedGrant(
      await credentialsOf(req),
      grantReadPermission,
      req.params.id,
      'see',
    );
    res.json({
      ...grants.present(grant),
      events: await grants.listEvents(grant),
    });
  });

  router.post('/grants', async (req, res) => {
    const { credentials, caller } = await writer(req);
    const request = parseInput(createGrantRequestSchema, req.body);
    await authorizeBasic(credentials, grantCreatePermission);
    await assertInventoryReady();
    const grant = await grants.createGrant(request, await caller());
    res.status(201).json(grants.present(grant));
  });

  // What POST /grants would do with the same body; creates nothing.
  router.post('/grants/preview', async (req, res) => {
    const { credentials, caller } = await writer(req);
    const request = parseInput(createGrantRequestSchema, req.body);
    await authorizeBasic(credentials, grantCreatePermission);
    await assertInventoryReady();
    res.json(await grants.previewGrant(request, await caller()));
  });

  /**
   * A change to one grant: the body is validated, the permission decided,
   * and the grant read once and handed to the service.
   */
  const grantChange = <V extends GrantChangeVerb>(
    verb: V,
    change: (
      grant: GrantRecord,
      body: GrantChangeBody<V>,
      caller: Caller,
    ) => Promise<GrantRecord>,
  ) =>
    router.post(`/grants/:id/${verb}`, async (req, res) => {
      const { credentials, caller } = await writer(req);
      const body = parseChangeBody(verb, req.body);
      const grant = await authorizedGrant(
        credentials,
        GRANT_CHANGES[verb].permission,
        req.params.id,
        verb,
      );
      res.json(grants.present(await change(grant, body, await caller())));
    });

  grantChange('revoke', grants.revokeGrant);
  grantChange('extend', grants.extendGrant);
  grantChange('cancel', grants.cancelGrant);
  grantChange('approve', grants.approveGrant);
  grantChange('reject', grants.rejectGrant);

  return router;
}
