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

import { AccessLevel } from '@backstage-aws-access/plugin-aws-access-common';

/**
 * Who approves requests that match a rule.
 *
 * @public
 */
export type ApproverMode = 'auto' | 'owner' | 'groups';

/** @public */
export const APPROVER_MODES: readonly ApproverMode[] = [
  'auto',
  'owner',
  'groups',
];

/**
 * One entry of `awsAccess.approval.rules`, checked and normalised: entity
 * refs are full (`group:default/team-a`), and every optional matcher that is
 * absent matches any request.
 *
 * @public
 */
export interface ApprovalRule {
  accountIds?: string[];
  /** Owner entity refs of the requested resource. */
  resourceOwners?: string[];
  /** Every listed tag must be on the resource with exactly this value. */
  resourceTags?: Record<string, string>;
  /** Matches when the highest access level of the request is one of these. */
  accessLevels?: AccessLevel[];
  approvers: ApproverMode;
  /** Group entity refs whose members approve, with `approvers: groups`. */
  groups?: string[];
  /** Distinct approvals needed. */
  count: number;
  /** The requester may self-approve in an emergency (see breakGlass/). */
  breakGlass?: boolean;
}

/**
 * `awsAccess.approval`, read once at start.
 *
 * @public
 */
export interface ApprovalConfig {
  pendingTimeoutMinutes: number;
  rules: ApprovalRule[];
}

/**
 * What the matcher needs to know about a request.
 *
 * @public
 */
export interface ApprovalRequest {
  accountId: string;
  /** Owner entity ref of the requested resource, from the catalog, if known. */
  resourceOwner?: string;
  /** Tags of the requested resource, if known. */
  resourceTags?: Record<string, string>;
  /** Access levels of the requested actions (duplicates allowed). */
  accessLevels: AccessLevel[];
}

/**
 * The outcome of matching a request against the rules.
 *
 * @public
 */
export type ApprovalRequirement =
  | {
      mode: 'auto';
      /** Index of the matching rule; absent when no rule matched (the default). */
      ruleIndex?: number;
    }
  | {
      mode: 'owner' | 'groups';
      /** Members of any of these groups may approve. */
      approverGroups: string[];
      /** Distinct approvals needed. */
      count: number;
      ruleIndex: number;
      /**
       * `allowed`: the rule lets the requester self-approve in an emergency;
       * `used`: they did (the grant is break-glass).
       */
      breakGlass?: 'allowed' | 'used';
    };

/**
 * A recorded approval of one grant.
 *
 * @public
 */
export interface GrantApproval {
  /** Entity ref of the approving user. */
  approver: string;
  approvedAt: Date;
  comment?: string;
}

/**
 * The approving user, as the permission framework knows them.
 *
 * @public
 */
export interface Approver {
  userEntityRef: string;
  /** The user's own ref and the groups they belong to (`BackstageUserInfo`). */
  ownershipEntityRefs: string[];
}

/**
 * The answer of `ApprovalPolicy.canApprove`.
 *
 * @public
 */
export type ApprovalCheck =
  | {
      allowed: true;
      /** True when this approval brings the grant to the required count. */
      complete: boolean;
      /** Distinct approvals once this one is counted. */
      approvals: number;
      required: number;
    }
  | {
      allowed: false;
      /** Why, in words shown to the approver (the API's 403 message). */
      reason: string;
    };

/**
 * What `canApprove` and `canReject` are asked about.
 *
 * @public
 */
export interface ApprovalDecisionInput {
  /** The grant being decided; only its requester matters here. */
  grant: { requester: string };
  /** The requirement recorded when the grant was requested. */
  requirement: ApprovalRequirement;
  approver: Approver;
  /** Approvals already recorded for this grant. */
  previousApprovals: readonly GrantApproval[];
}

/**
 * Who must approve a request, and whether a given person's approval counts:
 * the business rule behind `POST /grants/:id/approve`. The permission
 * framework decides separately whether the caller may call the endpoint.
 *
 * @public
 */
export interface AwsAccessApprovalPolicy {
  /** Pending requests end `rejected` after this many minutes. */
  readonly pendingTimeoutMinutes: number;
  /** The approval a new request (or an extension) needs; throws to refuse it. */
  decide(request: ApprovalRequest): ApprovalRequirement;
  canApprove(input: ApprovalDecisionInput): ApprovalCheck;
  canReject(
    input: Omit<ApprovalDecisionInput, 'previousApprovals'>,
  ): { allowed: true } | { allowed: false; reason: string };
  /** When a request made at `requestedAt` times out if nobody decides. */
  pendingDeadline(requestedAt: Date): Date;
  /** The reason recorded on a request that timed out after `waitedMinutes`. */
  pendingTimeoutReason(waitedMinutes?: number): string;
}
