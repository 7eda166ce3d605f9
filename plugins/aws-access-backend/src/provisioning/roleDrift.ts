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

import { GrantPolicies } from './policies';
import { samePolicy } from './policyDocuments';
import { GrantRoleState } from '@backstage-aws-access/plugin-aws-access-node';

/** How a grant role differs from what its grant says it should be. */
export interface RoleDrift {
  /** The grant's inline permission policy was edited, or deleted. */
  permissionPolicy?: 'changed' | 'missing';
  /** The trust policy was edited: someone else may assume the role. */
  trustPolicy?: 'changed';
  /** Inline policies added by hand, by name. */
  extraInlinePolicies: string[];
  /** Managed policies attached by hand, by ARN. */
  attachedPolicyArns: string[];
}

/**
 * Compares a role as IAM holds it with the policies the grant renders now.
 * Returns undefined when they agree, comparing documents by meaning (see
 * `samePolicy`) rather than by text, since IAM does not keep the text.
 */
export function findRoleDrift(
  expected: GrantPolicies,
  actual: GrantRoleState,
): RoleDrift | undefined {
  const drift: RoleDrift = {
    extraInlinePolicies: [...actual.otherInlinePolicies].sort(),
    attachedPolicyArns: [...actual.attachedPolicyArns].sort(),
  };
  if (actual.permissionPolicy === undefined) {
    drift.permissionPolicy = 'missing';
  } else if (!samePolicy(actual.permissionPolicy, expected.permissionPolicy)) {
    drift.permissionPolicy = 'changed';
  }
  if (!samePolicy(actual.trustPolicy, expected.trustPolicy)) {
    drift.trustPolicy = 'changed';
  }
  const drifted =
    drift.permissionPolicy ||
    drift.trustPolicy ||
    drift.extraInlinePolicies.length > 0 ||
    drift.attachedPolicyArns.length > 0;
  return drifted ? drift : undefined;
}

/** The drift in words, for the grant's history and the logs. */
export function describeRoleDrift(drift: RoleDrift): string {
  const parts: string[] = [];
  if (drift.permissionPolicy) {
    parts.push(
      `the permission policy was ${
        drift.permissionPolicy === 'missing' ? 'deleted' : 'changed'
      }`,
    );
  }
  if (drift.trustPolicy) {
    parts.push('the trust policy was changed');
  }
  if (drift.extraInlinePolicies.length > 0) {
    parts.push(
      `inline ${plural(
        drift.extraInlinePolicies,
        'policy',
        'policies',
      )} ${drift.extraInlinePolicies.join(', ')} added`,
    );
  }
  if (drift.attachedPolicyArns.length > 0) {
    parts.push(
      `managed ${plural(
        drift.attachedPolicyArns,
        'policy',
        'policies',
      )} ${drift.attachedPolicyArns.join(', ')} attached`,
    );
  }
  return parts.join('; ');
}

function plural(items: unknown[], one: string, many: string) {
  return items.length === 1 ? one : many;
}
