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
  DeleteConflictException,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  IAMClient,
  RemoveRoleFromInstanceProfileCommand,
  paginateListInstanceProfilesForRole,
} from '@aws-sdk/client-iam';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { unlessNoSuchEntity } from './iamErrors';
import { allItems } from './iamPages';
import { attachedPolicyArns, getRole, inlinePolicyNames } from './iamRoleReads';

// Deleting a grant role: IAM refuses DeleteRole while anything is attached.
// Each delete here may repeat (a retry, a second reconciler pass), so what
// is already gone counts as done.

/**
 * Deletes the grant role by that name, whatever its tags say, once it is
 * cleared of anything added to it by hand; refuses a role by that name
 * outside the managed path.
 */
export async function deleteGrantRole(
  iam: IAMClient,
  options: {
    accountId: string;
    roleName: string;
    rolePath: string;
    logger: LoggerService;
  },
) {
  const { accountId, roleName, rolePath, logger } = options;
  const role = await getRole(iam, roleName);
  if (!role) {
    return; // already gone
  }
  // Role names are unique per account whatever the path, so the name
  // alone could point at someone else's role once the grant's is gone.
  if (!role.Path?.startsWith(rolePath)) {
    throw new ConflictError(
      `IAM role ${roleName} in account ${accountId} is not under ${rolePath}, so it is not a grant role; not deleting it`,
    );
  }
  // Tags are deliberately not checked: whoever can untag a grant role
  // must not be able to make it outlive its grant.
  try {
    await deleteRoleOnce(iam, roleName);
  } catch (error) {
    if (!(error instanceof DeleteConflictException)) {
      throw error;
    }
    // Something was added to the role by hand. It is still ours to
    // delete, so clear it and try once more.
    await clearRole(iam, accountId, roleName, logger);
    await deleteRoleOnce(iam, roleName);
  }
  logger.info(`Deleted IAM role ${roleName} in account ${accountId}`);
}

/** `DeleteRole`; a role already gone is fine. */
async function deleteRoleOnce(iam: IAMClient, roleName: string) {
  await unlessNoSuchEntity(
    iam.send(new DeleteRoleCommand({ RoleName: roleName })),
  );
}

/** `DeleteRolePolicy`; a policy (or role) already gone is fine. */
export async function deleteInlinePolicy(
  iam: IAMClient,
  roleName: string,
  policyName: string,
) {
  await unlessNoSuchEntity(
    iam.send(
      new DeleteRolePolicyCommand({
        RoleName: roleName,
        PolicyName: policyName,
      }),
    ),
  );
}

/** `DetachRolePolicy`; a policy already detached is fine. */
export async function detachManagedPolicy(
  iam: IAMClient,
  roleName: string,
  policyArn: string,
) {
  await unlessNoSuchEntity(
    iam.send(
      new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn }),
    ),
  );
}

/**
 * Removes whatever blocks `DeleteRole`: inline policies, attached managed
 * policies and instance profiles. The permissions boundary stays, as it
 * does not block deletion and only ever limits the role.
 */
async function clearRole(
  iam: IAMClient,
  accountId: string,
  roleName: string,
  logger: LoggerService,
) {
  // Logged as warnings: only a hand-made change puts these on a grant role.
  const role = `IAM role ${roleName} in account ${accountId}`;
  for (const policyName of await inlinePolicyNames(iam, roleName)) {
    logger.warn(
      `Deleting inline policy ${policyName} of ${role} so that it can be deleted`,
    );
    await deleteInlinePolicy(iam, roleName, policyName);
  }
  for (const policyArn of await attachedPolicyArns(iam, roleName)) {
    logger.warn(
      `Detaching managed policy ${policyArn} from ${role} so that it can be deleted`,
    );
    await detachManagedPolicy(iam, roleName, policyArn);
  }
  const profiles = await allItems(
    paginateListInstanceProfilesForRole(
      { client: iam },
      { RoleName: roleName },
    ),
    page => page.InstanceProfiles,
  );
  for (const { InstanceProfileName: profileName } of profiles) {
    logger.warn(
      `Removing ${role} from instance profile ${profileName} so that it can be deleted`,
    );
    await unlessNoSuchEntity(
      iam.send(
        new RemoveRoleFromInstanceProfileCommand({
          InstanceProfileName: profileName,
          RoleName: roleName,
        }),
      ),
    );
  }
}
