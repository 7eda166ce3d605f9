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

import { AuthService, UserInfoService } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { grantCreatePermission } from '@backstage-aws-access/plugin-aws-access-common';
import { BreakGlassReviewing } from '../breakGlass/breakGlassRouter';
import {
  GrantAuthorization,
  getCallerFromCredentials,
} from '../permissions/grantAuthorization';
import { GrantService } from '../grantApi/GrantService';
import { InventoryReadiness } from '../resources/inventoryReadiness';
import { GrantActionsContext } from './grantActionSchemas';
import { registerBreakGlassActions } from './registerBreakGlassActions';
import { registerChangeActions } from './registerChangeActions';
import { registerReadActions } from './registerReadActions';
import { registerRequestActions } from './registerRequestActions';

/**
 * The grant lifecycle as Backstage actions (`aws-access:<name>`), for the
 * Backstage CLI (`backstage-cli actions ...`) and MCP clients (through
 * `@backstage/plugin-mcp-actions-backend`).
 *
 * Every action acts for the signed-in user whose credentials invoke it,
 * through the same {@link GrantService} and the same permission checks
 * ({@link GrantAuthorization}) as the REST API: the same approvals, limits
 * and refusals. Bad input is an `InputError` (the registry answers 400 and
 * MCP clients get a tool error), never a crash.
 *
 * `visibilityPermission` is `aws-access.grant.create` for all of them, the
 * permission to use aws-access self-service at all: the decision on a
 * particular grant (`aws-access.grant.read`, `.revoke`, `.approve`) is a
 * resource permission, checked when the action runs.
 */
export function registerGrantActions(options: {
  actionsRegistry: ActionsRegistryService;
  grants: GrantService;
  authorization: GrantAuthorization;
  /** The break-glass review queue; its actions are registered when given. */
  breakGlassReviewing?: BreakGlassReviewing;
  auth: AuthService;
  userInfo: UserInfoService;
  inventoryReadiness?: InventoryReadiness;
}): void {
  const ctx: GrantActionsContext = {
    registry: options.actionsRegistry,
    grants: options.grants,
    authorization: options.authorization,
    inventoryReadiness: options.inventoryReadiness,
    callerOf: credentials => getCallerFromCredentials(credentials, options),
    visibilityPermission: grantCreatePermission,
  };
  registerRequestActions(ctx);
  registerReadActions(ctx);
  registerChangeActions(ctx);
  if (options.breakGlassReviewing) {
    registerBreakGlassActions({
      registry: ctx.registry,
      reviewing: options.breakGlassReviewing,
      callerOf: ctx.callerOf,
    });
  }
}
