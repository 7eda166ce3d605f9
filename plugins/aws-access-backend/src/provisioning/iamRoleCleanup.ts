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
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  IAMClient,
  RemoveRoleFromInstanceProfileCommand,
  paginateListAttachedRolePolicies,
  paginateListInstanceProfilesForRole,
  paginateListRolePolicies,
} from '@aws-sdk/client-iam';
import { LoggerService } from '@backstage/backend-plugin-api';
import { isNoSuchEntity } from './iamErrors';

// Deleting a grant role: IAM refuses DeleteRole while anything is attached.

async function ignoreNoSuchEntity(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (!isNoSuchEntity(error)) {
      throw error;
    }
  }
}

/** `DeleteRole`; a role already gone is fine. */
export async function deleteRoleOnce(iam: IAMClient, roleName: string) {
  try {
    await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
  } catch (error) {
    if (!isNoSuchEntity(error)) {
      throw error;
    }
  }
}

/**
 * Removes whatever blocks `DeleteRole`: inline policies, attached managed
 * policies and instance profiles. The permissions boundary stays, as it
 * does not block deletion and only ever limits the role.
 */
export async function clearRole(
  iam: IAMClient,
  accountId: string,
  roleName: string,
  logger: LoggerService,
) {
  for await (const page of paginateListRolePolicies(
    { client: iam },
    { RoleName: roleName },
  )) {
    for (const policyName of page.PolicyNames ?? []) {
      logger.warn(
        `Deleting inline policy ${policyName} from IAM role ${roleName} in account ${accountId} before deleting the role`,
      );
      await ignoreNoSuchEntity(
        iam.send(
          new DeleteRolePolicyCommand({
            RoleName: roleName,
            PolicyName: policyName,
          }),
        ),
      );
    }
  }
  for await (const page of paginateListAttachedRolePolicies(
    { client: iam },
    { RoleName: roleName },
  )) {
    for (const policy of page.AttachedPolicies ?? []) {
      logger.warn(
        `Detaching managed policy ${policy.PolicyArn} from IAM role ${roleName} in account ${accountId} before deleting the role`,
      );
      await ignoreNoSuchEntity(
        iam.send(
          new DetachRolePolicyCommand({
            RoleName: roleName,
            PolicyArn: policy.PolicyArn!,
          }),
        ),
      );
    }
  }
  for await (const page of paginateListInstanceProfilesForRole(
    { client: iam },
    { RoleName: roleName },
  )) {
    for (const profile of page.InstanceProfiles ?? []) {
      logger.warn(
        `Removing IAM role ${roleName} from instance profile ${profile.InstanceProfileName} in account ${accountId} before deleting the role`,
      );
      try {
        await iam.send(
          new RemoveRoleFromInstanceProfileCommand({
            InstanceProfileName: profile.InstanceProfileName,
            RoleName: roleName,
          }),
        );
      } catch (error) {
        if (!isNoSuchEntity(error)) {
          throw error;
        }
      }
    }
  }
}
