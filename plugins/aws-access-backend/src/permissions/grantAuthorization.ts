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
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { GrantRecord } from '../database/types';
import { GrantFilter } from './resource';
import { Caller, callerOf } from './caller';
import { GrantPermissionEvaluators } from './registerGrantPermissions';
import { toPermissionResource } from './resource';

/**
 * The permission checks every entry point of the grant API makes (REST,
 * Backstage actions), on credentials rather than on an HTTP request, so
 * that the REST router and the actions registry decide alike.
 */
export interface GrantAuthorization {
  /** Throws 403 unless the basic permission is allowed. */
  authorizeBasic(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<void>;
  /**
   * Checks `permission` on a grant and returns the grant, read once: a
   * denial is a 403 before anything is read, a conditional decision is
   * applied to the one row read, and no such grant is a 404. Hand the
   * result on rather than loading the grant again.
   */
  authorizedGrant(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'aws-access-grant'>,
    id: string,
    verb: string,
  ): Promise<GrantRecord>;
  /**
   * Checks `permission` on every grant of something made of grants (a
   * bundle's parts) with one permission call, made before `load`: a denial
   * is a 403 with nothing read, a conditional decision is applied to each
   * grant `load` returned, and `refused` is thrown if one fails it, without
   * saying which. Returns what `load` returned, to hand on.
   */
  authorizedWhole<T>(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'aws-access-grant'>,
    load: () => Promise<T>,
    grantsOf: (loaded: T) => GrantRecord[],
    refused: () => Error,
  ): Promise<T>;
  /**
   * The SQL filter of a conditional decision on `permission` for lists;
   * undefined when allowed outright, 403 when denied.
   */
  listFilter(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'aws-access-grant'>,
  ): Promise<PermissionCriteria<GrantFilter> | undefined>;
}

export function createGrantAuthorization(options: {
  permissions: PermissionsService;
  permissionEvaluators: GrantPermissionEvaluators;
  getGrant: (id: string) => Promise<GrantRecord>;
}): GrantAuthorization {
  const { permissions, permissionEvaluators, getGrant } = options;
  const authorizedWhole: GrantAuthorization['authorizedWhole'] = async (
    credentials,
    permission,
    load,
    grantsOf,
    refused,
  ) => {
    const [decision] = await permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw refused();
    }
    const loaded = await load();
    if (
      decision.result === AuthorizeResult.CONDITIONAL &&
      !grantsOf(loaded).every(grant =>
        permissionEvaluators.isAllowed(decision, toPermissionResource(grant)),
      )
    ) {
      throw refused();
    }
    return loaded;
  };
  return {
    async authorizeBasic(credentials, permission) {
      const [decision] = await permissions.authorize([{ permission }], {
        credentials,
      });
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(`not allowed: ${permission.name}`);
      }
    },
    authorizedWhole,
    authorizedGrant: (credentials, permission, id, verb) =>
      authorizedWhole(
        credentials,
        permission,
        () => getGrant(id),
        grant => [grant],
        () => new NotAllowedError(`you may not ${verb} grant ${id}`),
      ),
    async listFilter(credentials, permission) {
      const [decision] = await permissions.authorizeConditional(
        [{ permission }],
        { credentials },
      );
      if (decision.result === AuthorizeResult.DENY) {
        throw new NotAllowedError(`not allowed: ${permission.name}`);
      }
      return decision.result === AuthorizeResult.CONDITIONAL
        ? permissionEvaluators.toFilter(decision.conditions)
        : undefined;
    },
  };
}

/**
 * The signed-in user behind credentials that are not an HTTP request (an
 * action invoked through the actions registry, by the Backstage CLI or an
 * MCP client on the user's behalf). Service and anonymous principals are
 * refused: grants are always for a person.
 */
export async function getCallerFromCredentials(
  credentials: BackstageCredentials,
  services: { auth: AuthService; userInfo: UserInfoService },
): Promise<Caller> {
  if (!services.auth.isPrincipal(credentials, 'user')) {
    throw new NotAllowedError(
      'aws-access actions act for a signed-in user; call them with a user token',
    );
  }
  return callerOf(
    await services.userInfo.getUserInfo(
      credentials as BackstageCredentials<BackstageUserPrincipal>,
    ),
  );
}
