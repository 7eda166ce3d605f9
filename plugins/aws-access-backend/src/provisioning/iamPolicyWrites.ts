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
  IAMClient,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { GrantRoleSpec } from '@backstage-aws-access/plugin-aws-access-node';
import { refusedPolicy } from './iamErrors';

/**
 * The grant role's two policy documents: the IAM call that writes each,
 * and the request field a refusal of it is blamed on.
 */
const policyWrites = {
  trust: {
    field: 'trustPrincipalArns',
    send: (iam: IAMClient, spec: GrantRoleSpec, document: string) =>
      iam.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: spec.roleName,
          PolicyDocument: document,
        }),
      ),
  },
  permission: {
    field: 'actions',
    send: (iam: IAMClient, spec: GrantRoleSpec, document: string) =>
      iam.send(
        new PutRolePolicyCommand({
          RoleName: spec.roleName,
          PolicyName: spec.policyName,
          PolicyDocument: document,
        }),
      ),
  },
};

export type GrantPolicyKind = keyof typeof policyWrites;

/** The field a refused document of this kind is blamed on. */
export function policyField(kind: GrantPolicyKind): string {
  return policyWrites[kind].field;
}

/** Writes one of the grant role's policy documents over the current one. */
export async function writeGrantPolicy(
  iam: IAMClient,
  spec: GrantRoleSpec,
  kind: GrantPolicyKind,
  document: string,
): Promise<void> {
  try {
    await policyWrites[kind].send(iam, spec, document);
  } catch (error) {
    throw refusedPolicy(error, policyField(kind), `${kind} policy`, spec);
  }
}
