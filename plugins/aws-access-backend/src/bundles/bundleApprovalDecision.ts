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

import { ConflictError, NotAllowedError } from '@backstage/errors';
import type { AwsAccessApprovalPolicy } from '@backstage-aws-access/plugin-aws-access-node';
import { minutes } from '../grantApi/grantOperation';
import type { Caller } from '../permissions/caller';
import { checkBundleApproval } from './bundleApproval';
import type { BundleRecord } from './BundleStore';

/**
 * What one person's approval of a pending bundle writes, decided inside
 * the store's transaction on the bundle as it is now, so two approvers at
 * once cannot both be counted against a stale list. Refuses a second
 * approval by the same person and an approver the policy does not allow;
 * the approval that meets the last requirement also approves the bundle,
 * with the expiry every part will share.
 */
export function decideBundleApproval(input: {
  policy: AwsAccessApprovalPolicy;
  bundle: BundleRecord;
  caller: Caller;
  comment?: string;
  now: Date;
}) {
  const { bundle: current, caller, comment, now } = input;
  if (current.approvals.some(a => a.approver === caller.userEntityRef)) {
    throw new ConflictError(`You have already approved bundle ${current.id}`);
  }
  const check = checkBundleApproval({
    policy: input.policy,
    requester: current.requester,
    requirements: current.requirements,
    approver: caller,
    previous: current.approvals,
  });
  if (!check.allowed) {
    throw new NotAllowedError(check.reason);
  }
  const approval = {
    approver: caller.userEntityRef,
    approvedAt: now,
    comment,
    countsFor: check.countsFor,
  };
  const approvers = [
    ...current.approvals.map(a => a.approver),
    caller.userEntityRef,
  ];
  return {
    approval,
    ...(check.complete && {
      approve: {
        decidedBy: approvers.join(', '),
        expiresAt: new Date(now.getTime() + minutes(current.durationMinutes)),
      },
    }),
  };
}
