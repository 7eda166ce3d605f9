import {
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import {
  grantApprovePermission,
  grantCreatePermission,
  grantReadPermission,
  grantRevokePermission,
} from '@backstage-aws-access/plugin-aws-access-common';
import {
  createGrantConditionalDecision,
  grantConditions,
} from '../../permissions/conditions';
import {
  AwsAccessGrantResource,
  GrantFilter,
} from '../../permissions/resource';
import { grantPermissionRules } from '../../permissions/rules';
import { GrantPermissionEvaluators } from '../router';

/**
 * The defaults an adopter starts from (the same as the demo's policy): admins
 * may do anything; everybody may request; requesters and resource owners see
 * and revoke; approvers see and decide. `denied` names permissions a test
 * takes away from everyone.
 */
export function testPolicy(options: { adminGroup: string; denied?: string[] }) {
  return (
    permission: Permission,
    user: { userEntityRef: string; ownershipEntityRefs: string[] },
  ): PolicyDecision => {
    if (options.denied?.includes(permission.name)) {
      return { result: AuthorizeResult.DENY };
    }
    if (user.ownershipEntityRefs.includes(options.adminGroup)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const requester = grantConditions.isRequester({
      claims: [user.userEntityRef],
    });
    const owner = grantConditions.isResourceOwner({
      claims: user.ownershipEntityRefs,
    });
    const approver = grantConditions.isApprover({
      claims: user.ownershipEntityRefs,
    });
    if (isPermission(permission, grantCreatePermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(permission, grantReadPermission)) {
      return createGrantConditionalDecision(permission, {
        anyOf: [requester, owner, approver],
      });
    }
    if (isPermission(permission, grantRevokePermission)) {
      return createGrantConditionalDecision(permission, {
        anyOf: [requester, owner],
      });
    }
    if (isPermission(permission, grantApprovePermission)) {
      return createGrantConditionalDecision(permission, {
        anyOf: [owner, approver],
      });
    }
    return { result: AuthorizeResult.DENY };
  };
}

/**
 * A permissions service that runs a policy in process, as the permission
 * backend would for a user; services are allowed, as the real client does.
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

const rules = Object.values(grantPermissionRules);
const ruleset: PermissionRuleset<AwsAccessGrantResource, GrantFilter> = {
  getRuleByName(name) {
    const rule = rules.find(r => r.name === name);
    if (!rule) throw new Error(`no rule ${name}`);
    return rule as any;
  },
};

/** The evaluators the plugin builds from the permissions registry. */
export const testPermissionEvaluators: GrantPermissionEvaluators = {
  toFilter: createConditionTransformer(ruleset),
  isAllowed: createConditionAuthorizer(ruleset),
};
