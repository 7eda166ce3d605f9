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

import { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { matchApprovalRule } from './matchApprovalRule';
import { readApprovalConfig } from './readApprovalConfig';
import {
  ApprovalCheck,
  ApprovalDecisionInput,
  AwsAccessApprovalPolicy,
  ApprovalConfig,
  ApprovalRequest,
  ApprovalRequirement,
} from '@backstage-aws-access/plugin-aws-access-node';

function sameRef(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}

/**
 * Who must approve a request, and whether a given person's approval counts.
 *
 * This is the business rule behind `POST /grants/:id/approve`; the
 * permission framework decides separately whether the caller may call the
 * endpoint at all. Both must agree for an approval to be recorded.
 */
export class ApprovalPolicy implements AwsAccessApprovalPolicy {
  static fromConfig(config: Config): ApprovalPolicy {
    return new ApprovalPolicy(readApprovalConfig(config));
  }

  constructor(private readonly config: ApprovalConfig) {}

  /** Pending requests end `rejected` after this many minutes. */
  get pendingTimeoutMinutes(): number {
    return this.config.pendingTimeoutMinutes;
  }

  /**
   * The approval a new request (or an extension) needs. Refuses a request
   * that a rule sends to the resource owner when the catalog knows no owner:
   * nobody could approve it, and it would only wait until it timed out.
   */
  decide(request: ApprovalRequest): ApprovalRequirement {
    const requirement = matchApprovalRule(this.config.rules, request);
    if (
      requirement.mode !== 'auto' &&
      requirement.approverGroups.length === 0
    ) {
      throw new NotAllowedError(
        `This request needs approval by the resource's owner (approval rule ${
          requirement.ruleIndex + 1
        }), but the resource has no owner in the catalog`,
      );
    }
    return requirement;
  }

  /**
   * Whether `approver` may approve, and whether their approval completes the
   * requirement. An approval counts once per person: `count: 2` needs two
   * different members of the approver groups, neither of them the requester.
   */
  canApprove(input: ApprovalDecisionInput): ApprovalCheck {
    const refusal = this.refusal(input, 'approve');
    if (refusal) {
      return { allowed: false, reason: refusal };
    }
    const { requirement, approver, previousApprovals } = input;
    if (
      previousApprovals.some(previous =>
        sameRef(previous.approver, approver.userEntityRef),
      )
    ) {
      return {
        allowed: false,
        reason: `You have already approved this grant; it needs ${this.required(
          requirement,
        )} approvals from different people`,
      };
    }
    const approvers = new Set(
      previousApprovals
        .filter(previous => !sameRef(previous.approver, input.grant.requester))
        .map(previous => previous.approver.toLocaleLowerCase('en-US')),
    );
    const approvals = approvers.size + 1;
    const required = this.required(requirement);
    return {
      allowed: true,
      complete: approvals >= required,
      approvals,
      required,
    };
  }

  /**
   * Whether `approver` may reject. Any one member of the approver groups can
   * end a request; the requester withdraws their own request by cancelling it.
   */
  canReject(
    input: Omit<ApprovalDecisionInput, 'previousApprovals'>,
  ): { allowed: true } | { allowed: false; reason: string } {
    const refusal = this.refusal(input, 'reject');
    return refusal ? { allowed: false, reason: refusal } : { allowed: true };
  }

  /** When a request made at `requestedAt` times out if nobody decides. */
  pendingDeadline(requestedAt: Date): Date {
    return new Date(
      requestedAt.getTime() + this.config.pendingTimeoutMinutes * 60_000,
    );
  }

  /**
   * The reason recorded on a request that timed out after waiting
   * `waitedMinutes` (by default the configured timeout).
   */
  pendingTimeoutReason(
    waitedMinutes = this.config.pendingTimeoutMinutes,
  ): string {
    return `Nobody approved the request within ${waitedMinutes} minutes`;
  }

  private required(requirement: ApprovalRequirement): number {
    return requirement.mode === 'auto' ? 0 : requirement.count;
  }

  private refusal(
    input: Omit<ApprovalDecisionInput, 'previousApprovals'>,
    verb: 'approve' | 'reject',
  ): string | undefined {
    const { grant, requirement, approver } = input;
    if (requirement.mode === 'auto') {
      return 'This grant needs no approval';
    }
    if (sameRef(approver.userEntityRef, grant.requester)) {
      return verb === 'approve'
        ? 'You requested this grant; someone else must approve it'
        : 'You requested this grant; cancel it instead of rejecting it';
    }
    const memberOf = requirement.approverGroups.some(group =>
      approver.ownershipEntityRefs.some(ref => sameRef(ref, group)),
    );
    if (!memberOf) {
      return `Only members of ${requirement.approverGroups.join(
        ', ',
      )} may ${verb} this grant`;
    }
    return undefined;
  }
}
