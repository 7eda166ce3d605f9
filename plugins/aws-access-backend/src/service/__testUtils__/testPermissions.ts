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
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { awsAccessPolicyDecision } from '../../permissions/defaultPolicy';

/*
 * Why router tests do not use `mockServices.permissions`: it answers every
 * request with one result, ALLOW or DENY, from `authorize` and
 * `authorizeConditional` alike. The plugin's policy says "Alice may revoke
 * the grants she requested, Bob those for resources his team owns": a
 * CONDITIONAL decision, which it cannot express. Tests that need only ALLOW
 * or DENY pass `mockServices.permissions` to the test app instead
 * (`TestAppOptions.permissions`).
 *
 * The fake decides as the permission backend does with the policy adopters
 * start from: `awsAccessPolicyDecision`, the plugin's own export, not a copy.
 * Its conditions name the rules the plugin registers
 * (`registerGrantPermissions`), and the router resolves them with the rules
 * it reads back from the permissions registry
 * (`createGrantPermissionEvaluators`), as it does in production. So a broken
 * rule fails the router tests; 'decides on grants with the rules the plugin
 * registers' in router.test.ts checks that it does.
 */

/**
 * The plugin's default policy (`awsAccessPolicyDecision`, which the demo's
 * policy uses too), with one admin group; `denied` names permissions a test
 * takes away from everyone.
 */
export function testPolicy(options: { adminGroup: string; denied?: string[] }) {
  return (
    permission: Permission,
    user: { userEntityRef: string; ownershipEntityRefs: string[] },
  ): PolicyDecision =>
    options.denied?.includes(permission.name)
      ? { result: AuthorizeResult.DENY }
      : awsAccessPolicyDecision(permission, user, {
          adminGroups: [options.adminGroup],
        });
}

/**
 * A permissions service that runs a policy in process, as the permission
 * backend would for a user; services are allowed, as the real client does.
 * Conditional decisions go back to the caller unresolved, as
 * `authorizeConditional` returns them from the permission backend.
 */
export function policyPermissions(
  policy: ReturnType<typeof testPolicy>,
  userInfo: UserInfoService,
): PermissionsService {
  const decide = async (permission: Permission, credentials: any) => {
    if (credentials.principal.type !== 'user') {
      return { result: AuthorizeResult.ALLOW } as PolicyDecision;
    }
    const info = await userInfo.getUserInfo(
      credentials as { principal: BackstageUserPrincipal } as any,
    );
    return policy(permission, info);
  };
  return {
    async authorize(requests, { credentials }) {
      return Promise.all(
        requests.map(async r => {
          const decision = await decide(r.permission, credentials);
          if (decision.result === AuthorizeResult.CONDITIONAL) {
            throw new Error(
              'test policy: resource checks go through authorizeConditional',
            );
          }
          return decision;
        }),
      );
    },
    async authorizeConditional(requests, { credentials }) {
      return Promise.all(
        requests.map(r => decide(r.permission, credentials)),
      ) as any;
    },
  };
}
