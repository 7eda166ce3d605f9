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

import type {
  Approver,
  ApprovalRequirement,
  AwsAccessApprovalPolicy,
  GrantApproval,
} from '@backstage-aws-access/plugin-aws-access-node';

/** A requirement that needs people: the only kind a bundle records. */
export type HumanRequirement = Exclude<ApprovalRequirement, { mode: 'auto' }>;

/** One approval of a bundle, with the requirements it counts for. */
export interface BundleApproval extends GrantApproval {
  /** Indexes into the bundle's requirements. */
  countsFor: number[];
}

/** The outcome of a bundle approval, before it is recorded. */
export type BundleApprovalCheck =
  | { allowed: false; reason: string }
  | {
      allowed: true;
      /** Requirements this approval counts for. */
      countsFor: number[];
      /** True when, with this approval, every requirement is met. */
      complete: boolean;
    };

function sameRequirement(a: HumanRequirement, b: HumanRequirement): boolean {
  const groups = (r: HumanRequirement) =>
    [...new Set(r.approverGroups.map(g => g.toLocaleLowerCase('en-US')))]
      .sort()
      .join(',');
  return a.mode === b.mode && a.count === b.count && groups(a) === groups(b);
}

/**
 * The requirements of a bundle from its targets' requirements: every one
 * that needs people, once each. Two buckets owned by the same team need
 * that team once; buckets of two teams need one approval from each.
 */
export function bundleRequirements(
  requirements: ApprovalRequirement[],
): HumanRequirement[] {
  const result: HumanRequirement[] = [];
  for (const requirement of requirements) {
    if (requirement.mode === 'auto') {
      continue;
    }
    if (!result.some(r => sameRequirement(r, requirement))) {
      result.push(requirement);
    }
  }
  return result;
}

/**
 * The requirement each part's grant records: every approver group of the
 * bundle, so that every approver concerned may read and decide on every
 * part (the permission rules look at a grant's approver groups). Whether
 * an approval counts is the bundle's business, never the part's.
 */
export function partRequirement(
  requirements: HumanRequirement[],
): ApprovalRequirement {
  if (requirements.length === 0) {
    return { mode: 'auto' };
  }
  const [first] = requirements;
  return {
    mode: requirements.every(r => r.mode === 'owner') ? 'owner' : 'groups',
    approverGroups: [
      ...new Set(
        requirements.flatMap(r =>
          r.approverGroups.map(g => g.toLocaleLowerCase('en-US')),
        ),
      ),
    ],
    count: Math.max(...requirements.map(r => r.count)),
    ruleIndex: first.ruleIndex,
  };
}

/**
 * Whether `approver` may approve the bundle, and for which requirements
 * their approval counts: each requirement is judged by the approval
 * policy itself (never the requester, once per person, members of its
 * groups only), against the approvals already counted for it. One person
 * in several approver groups meets several requirements at once. An
 * approval that meets nothing still missing is refused.
 */
export function checkBundleApproval(input: {
  policy: AwsAccessApprovalPolicy;
  requester: string;
  requirements: HumanRequirement[];
  approver: Approver;
  previous: readonly BundleApproval[];
}): BundleApprovalCheck {
  const { policy, requester, requirements, approver, previous } = input;
  if (requirements.length === 0) {
    return { allowed: false, reason: 'This bundle needs no approval' };
  }
  const countsFor: number[] = [];
  let reason: string | undefined;
  let complete = true;
  requirements.forEach((requirement, index) => {
    const counted = previous.filter(a => a.countsFor.includes(index));
    const check = policy.canApprove({
      grant: { requester },
      requirement,
      approver,
      previousApprovals: counted,
    });
    const met = counted.length >= requirement.count;
    if (check.allowed && !met) {
      countsFor.push(index);
      complete &&= check.complete;
      return;
    }
    if (!check.allowed) {
      reason ??= check.reason;
    }
    complete &&= met;
  });
  if (countsFor.length === 0) {
    return {
      allowed: false,
      reason:
        reason ??
        'Your approval is not needed: the approvers you could stand for have approved',
    };
  }
  return { allowed: true, countsFor, complete };
}

/**
 * Whether `approver` may reject the bundle: any one person who may decide
 * on any of its requirements ends it whole.
 */
export function checkBundleRejection(input: {
  policy: AwsAccessApprovalPolicy;
  requester: string;
  requirements: HumanRequirement[];
  approver: Approver;
}): { allowed: true } | { allowed: false; reason: string } {
  let reason = 'This bundle needs no approval';
  for (const requirement of input.requirements) {
    const check = input.policy.canReject({
      grant: { requester: input.requester },
      requirement,
      approver: input.approver,
    });
    if (check.allowed) {
      return check;
    }
    reason = check.reason;
  }
  return { allowed: false, reason };
}
