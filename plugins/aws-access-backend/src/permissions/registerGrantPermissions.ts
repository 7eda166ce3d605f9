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

/**
 * The two ways the router applies a conditional decision on grants, built
 * from the registered rules (including any a module added):
 * `toFilter` for lists (then `applyGrantFilterToKnex` in the store), and
 * `isAllowed` for one grant already loaded.
 */
export function createGrantPermissionEvaluators(
  permissionsRegistry: PermissionsRegistryService,
): {
  toFilter(
    conditions: Extract<PolicyDecision, { conditions: unknown }>['conditions'],
  ): PermissionCriteria<GrantFilter>;
  isAllowed(decision: PolicyDecision, grant: AwsAccessGrantResource): boolean;
} {
  const ruleset = permissionsRegistry.getPermissionRuleset(
    grantPermissionResourceRef,
  );
  return {
    toFilter: createConditionTransformer(ruleset),
    isAllowed: createConditionAuthorizer(ruleset),
  };
}
