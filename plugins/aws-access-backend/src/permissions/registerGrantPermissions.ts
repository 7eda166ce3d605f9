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

import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import { awsAccessPermissions } from '@backstage-aws-access/plugin-aws-access-common';
import {
  AwsAccessGrantResource,
  GrantFilter,
  grantPermissionResourceRef,
} from './resource';
import { grantPermissionRules } from './rules';

/**
 * Registers the aws-access permissions and the grant resource type with its
 * rules. `getGrants` loads grants by id (in the order given, `undefined` for
 * unknown ids) so that the permission backend can resolve conditional
 * decisions on single grants.
 */
export function registerGrantPermissions(
  permissionsRegistry: PermissionsRegistryService,
  getGrants: (
    ids: string[],
  ) => Promise<Array<AwsAccessGrantResource | undefined>>,
): void {
  permissionsRegistry.addResourceType({
    resourceRef: grantPermissionResourceRef,
    permissions: awsAccessPermissions,
    rules: Object.values(grantPermissionRules),
    getResources: getGrants,
  });
}

/** How the routers apply conditional decisions on grants. */
export interface GrantPermissionEvaluators {
  toFilter(
    conditions: Extract<PolicyDecision, { conditions: unknown }>['conditions'],
  ): PermissionCriteria<GrantFilter>;
  isAllowed(decision: PolicyDecision, grant: AwsAccessGrantResource): boolean;
}

/**
 * The two ways the router applies a conditional decision on grants, built
 * from the registered rules (including any a module added):
 * `toFilter` for lists (then `applyGrantFilterToKnex` in the store), and
 * `isAllowed` for one grant already loaded.
 */
export function createGrantPermissionEvaluators(
  permissionsRegistry: PermissionsRegistryService,
): GrantPermissionEvaluators {
  const ruleset = permissionsRegistry.getPermissionRuleset(
    grantPermissionResourceRef,
  );
  return {
    toFilter: createConditionTransformer(ruleset),
    isAllowed: createConditionAuthorizer(ruleset),
  };
}
