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
