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

/*
 * The demo's permission policy: aws-access shows the defaults an adopter
 * would start from; scaffolder tasks are private to whoever ran them; only
 * admins change what the catalog reads (User entities decide whose AWS
 * principal a grant trusts); everything else is allowed, as with the
 * allow-all policy.
 */
import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  catalogEntityDeletePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  taskCancelPermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  awsAccessPolicyDecision,
  isAwsAccessPermission,
} from '@backstage-aws-access/plugin-aws-access-backend';

/** Administers aws-access when `awsAccess.adminGroups` is not set. */
export const DEMO_ADMIN_GROUP = 'group:default/platform-team';

/**
 * A task's parameters, log and output (a grant's role ARN and sign-in link,
 * the reason typed into the template) are for whoever ran it.
 */
const TASK_OWNER_PERMISSION_NAMES = new Set(
  [taskReadPermission, taskCancelPermission].map(p => p.name),
);

/**
 * Whoever can delete a User entity or register a location that emits one can
 * change the `aws.amazon.com/principal-arn` a grant trusts, so only admins
 * change what the catalog reads. Refreshing an entity changes nothing.
 */
const ADMIN_ONLY_PERMISSION_NAMES = new Set(
  [
    catalogEntityDeletePermission,
    catalogLocationCreatePermission,
    catalogLocationDeletePermission,
  ].map(p => p.name),
);

/**
 * aws-access: the plugin's defaults (`awsAccessPolicyDecision`), with
 * `awsAccess.adminGroups` as admins. Members of those groups may also do what
 * the rest of this policy keeps to admins.
 */
export class AwsAccessDemoPermissionPolicy implements PermissionPolicy {
  private readonly adminGroups: string[];

  constructor(
    private readonly userInfo: UserInfoService,
    adminGroups: string[] = [DEMO_ADMIN_GROUP],
  ) {
    this.adminGroups = adminGroups.map(g => g.toLocaleLowerCase('en-US'));
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const adminOnly = ADMIN_ONLY_PERMISSION_NAMES.has(permission.name);
    const ownTasksOnly = TASK_OWNER_PERMISSION_NAMES.has(permission.name);
    if (!adminOnly && !ownTasksOnly && !isAwsAccessPermission(permission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    // Grants, tasks and catalog writes are a person's: a caller that is not a
    // user gets nothing here.
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const { userEntityRef, ownershipEntityRefs } =
      await this.userInfo.getUserInfo(user.credentials);

    if (
      ownershipEntityRefs.some(ref =>
        this.adminGroups.includes(ref.toLocaleLowerCase('en-US')),
      )
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (adminOnly) {
      return { result: AuthorizeResult.DENY };
    }
    if (ownTasksOnly) {
      return isResourcePermission(permission, 'scaffolder-task')
        ? createScaffolderTaskConditionalDecision(
            permission,
            scaffolderTaskConditions.isTaskOwner({
              createdBy: [userEntityRef],
            }),
          )
        : { result: AuthorizeResult.DENY };
    }
    // aws-access's defaults, shared with its tests.
    return awsAccessPolicyDecision(
      permission,
      { userEntityRef, ownershipEntityRefs },
      { adminGroups: this.adminGroups },
    );
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
        config: coreServices.rootConfig,
      },
      async init({ policy, userInfo, config }) {
        // The admin rule is awsAccess.adminGroups, as without the framework.
        policy.setPolicy(
          new AwsAccessDemoPermissionPolicy(
            userInfo,
            config.getOptionalStringArray('awsAccess.adminGroups'),
          ),
        );
      },
    });
  },
});

export default permissionModuleAwsAccessDemoPolicy;
