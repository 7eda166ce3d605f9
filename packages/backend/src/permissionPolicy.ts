/*
 * The demo's permission policy: everything outside aws-access is allowed (as
 * with the allow-all policy), and aws-access shows the defaults an adopter
 * would start from.
 */
import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createGrantConditionalDecision,
  grantConditions,
} from 'backstage-plugin-aws-access-backend';
import {
  adminPermission,
  awsAccessPermissions,
  grantApprovePermission,
  grantCreatePermission,
  grantReadPermission,
  grantRevokePermission,
} from 'backstage-plugin-aws-access-common';

/** Members of this group administer aws-access: any grant, any account. */
export const DEMO_ADMIN_GROUP = 'group:default/platform-team';

const AWS_ACCESS_PERMISSION_NAMES = new Set(
  awsAccessPermissions.map(p => p.name),
);

/**
 * - create: every signed-in user may request access for themselves;
 * - read, revoke (and extend): the requester, and the owners of the resource;
 * - approve: the owners of the resource (the approval rules in
 *   `awsAccess.approval` then decide whose approval counts);
 * - admin, and everything above on every grant: members of the admin group.
 */
export class AwsAccessDemoPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly userInfo: UserInfoService,
    private readonly adminGroup: string = DEMO_ADMIN_GROUP,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!AWS_ACCESS_PERMISSION_NAMES.has(permission.name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    // Grants are personal: a caller that is not a user gets nothing here.
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const { userEntityRef, ownershipEntityRefs } =
      await this.userInfo.getUserInfo(user.credentials);

    if (ownershipEntityRefs.includes(this.adminGroup)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(permission, adminPermission)) {
      return { result: AuthorizeResult.DENY };
    }
    if (isPermission(permission, grantCreatePermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      isPermission(permission, grantReadPermission) ||
      isPermission(permission, grantRevokePermission)
    ) {
      return createGrantConditionalDecision(permission, {
        anyOf: [
          grantConditions.isRequester({ claims: [userEntityRef] }),
          grantConditions.isResourceOwner({ claims: ownershipEntityRefs }),
        ],
      });
    }
    if (isPermission(permission, grantApprovePermission)) {
      return createGrantConditionalDecision(
        permission,
        grantConditions.isResourceOwner({ claims: ownershipEntityRefs }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}

/** Installs the demo policy in place of the allow-all policy. */
export const permissionModuleAwsAccessDemoPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'aws-access-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, userInfo }) {
        policy.setPolicy(new AwsAccessDemoPermissionPolicy(userInfo));
      },
    });
  },
});

export default permissionModuleAwsAccessDemoPolicy;
