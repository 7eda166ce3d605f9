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
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  Role as IamRole,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  paginateListRoleTags,
  paginateListRoles,
} from '@aws-sdk/client-iam';
import { TAG_GRANT_ID } from '@backstage-aws-access/plugin-aws-access-common';
import {
  GrantRoleState,
  ManagedRole,
} from '@backstage-aws-access/plugin-aws-access-node';
import { isNoSuchEntity, unlessNoSuchEntity } from './iamErrors';
import { allItems } from './iamPages';
import { TAG_INSTALLATION } from './roleAttributes';

// The read side of IAM for grant roles: what the reconciler's inventory
// (`ManagedRoleInventory`) returns, and what a deletion looks at first.

/** IAM returns policy documents URL-encoded (RFC 3986); the SDK leaves them so. */
function decodePolicy(document: string): string {
  try {
    return decodeURIComponent(document);
  } catch {
    return document; // not encoded after all
  }
}

/** Every role under the role path in the account, with its grant tag. */
export async function listManagedRoles(
  iam: IAMClient,
  accountId: string,
  rolePath: string,
): Promise<ManagedRole[]> {
  const roles: ManagedRole[] = [];
  for await (const page of paginateListRoles(
    { client: iam },
    { PathPrefix: rolePath },
  )) {
    for (const role of page.Roles ?? []) {
      if (!role.RoleName || !role.Path?.startsWith(rolePath)) {
        continue;
      }
      // ListRoles leaves tags out, so each role's are read on their own.
      const tags = await roleTags(iam, role.RoleName);
      if (!tags) {
        continue; // deleted since the listing
      }
      roles.push({
        accountId,
        roleName: role.RoleName,
        roleArn: role.Arn!,
        path: role.Path,
        grantId: tags.get(TAG_GRANT_ID),
        installationId: tags.get(TAG_INSTALLATION),
        createdAt: role.CreateDate,
      });
    }
  }
  return roles;
}

/** What a grant role holds in IAM now; undefined when it is gone. */
export async function readRoleState(
  iam: IAMClient,
  roleName: string,
  policyName: string,
): Promise<GrantRoleState | undefined> {
  try {
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    const permissionPolicy = await inlinePolicy(iam, roleName, policyName);
    const otherInlinePolicies = (await inlinePolicyNames(iam, roleName)).filter(
      name => name !== policyName,
    );
    return {
      trustPolicy: decodePolicy(Role?.AssumeRolePolicyDocument ?? ''),
      permissionPolicy,
      otherInlinePolicies,
      attachedPolicyArns: await attachedPolicyArns(iam, roleName),
      permissionsBoundaryArn: Role?.PermissionsBoundary?.PermissionsBoundaryArn,
    };
  } catch (error) {
    if (isNoSuchEntity(error)) {
      return undefined; // the role was deleted meanwhile
    }
    throw error;
  }
}

/** The role, or undefined when there is none by that name. */
export async function getRole(
  iam: IAMClient,
  roleName: string,
): Promise<IamRole | undefined> {
  const answer = await unlessNoSuchEntity(
    iam.send(new GetRoleCommand({ RoleName: roleName })),
  );
  return answer?.Role;
}

/** The names of the role's inline policies. */
export function inlinePolicyNames(
  iam: IAMClient,
  roleName: string,
): Promise<string[]> {
  return allItems(
    paginateListRolePolicies({ client: iam }, { RoleName: roleName }),
    page => page.PolicyNames,
  );
}

/** The ARNs of the managed policies attached to the role. */
export async function attachedPolicyArns(
  iam: IAMClient,
  roleName: string,
): Promise<string[]> {
  const attached = await allItems(
    paginateListAttachedRolePolicies({ client: iam }, { RoleName: roleName }),
    page => page.AttachedPolicies,
  );
  return attached.map(policy => policy.PolicyArn!);
}

/**
 * An inline policy's document, or undefined when there is none by that
 * name. A missing role answers the same, so the caller reads the role first.
 */
async function inlinePolicy(
  iam: IAMClient,
  roleName: string,
  policyName: string,
): Promise<string | undefined> {
  const answer = await unlessNoSuchEntity(
    iam.send(
      new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }),
    ),
  );
  return answer?.PolicyDocument === undefined
    ? undefined
    : decodePolicy(answer.PolicyDocument);
}

/** The role's tags, or `undefined` when the role does not exist. */
async function roleTags(
  iam: IAMClient,
  roleName: string,
): Promise<Map<string, string> | undefined> {
  const tags = await unlessNoSuchEntity(
    allItems(
      paginateListRoleTags({ client: iam }, { RoleName: roleName }),
      page => page.Tags,
    ),
  );
  return tags && new Map(tags.map(tag => [tag.Key!, tag.Value ?? '']));
}
