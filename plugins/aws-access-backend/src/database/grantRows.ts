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

import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';
import {
  GrantEvent,
  GrantEventType,
  GrantState,
} from '@backstage-aws-access/plugin-aws-access-common';
import {
  ApprovalRequirement,
  GrantApproval,
} from '@backstage-aws-access/plugin-aws-access-node';
import { GrantPatch, GrantRecord, NewGrantRecord } from './types';

/** States in which an identical second request is a conflict. */
export const LIVE_STATES: GrantState[] = ['pending', 'provisioning', 'active'];

export type Timestamp = Date | number | string | null;

export interface GrantRow {
  id: string;
  state: string;
  requester: string;
  resource_arn: string;
  resource_type: string;
  account_id: string;
  region: string;
  actions: string;
  actions_key: string;
  reason: string;
  duration_minutes: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  approved_at: Timestamp;
  approved_by: string | null;
  activated_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp;
  role_name: string;
  policy_name: string;
  role_arn: string | null;
  trust_principal_arns: string;
  statements: string;
  ends_as: string | null;
  attempts: number;
  last_error: string | null;
  claimed_by: string | null;
  claim_expires_at: Timestamp;
  resource_owner: string | null;
  resource_ref: string | null;
  resource_tags: string | null;
  approval_requirement: string | null;
  expiry_warned_at: Timestamp;
  approval_deadline: Timestamp;
  bundle_id: string | null;
  targets: string | null;
}

export interface ApprovalRow {
  grant_id: string;
  approver: string;
  comment: string | null;
  created_at: Timestamp;
}

export interface EventRow {
  id: number | string;
  grant_id: string;
  type: string;
  from_state: string | null;
  to_state: string | null;
  actor: string;
  reason: string | null;
  data: string | null;
  created_at: Timestamp;
}

// SQLite hands timestamps back as epoch milliseconds, PostgreSQL as Dates.
export function toDate(value: Timestamp): Date | undefined {
  return value === null || value === undefined ? undefined : new Date(value);
}

function optional<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

/** Identifies an action set regardless of order and case. */
export function actionsKey(actions: string[]): string {
  const canonical = [...new Set(actions.map(a => a.toLowerCase()))].sort();
  return createHash('sha256').update(canonical.join(',')).digest('hex');
}

export function toApproval(row: ApprovalRow): GrantApproval {
  return {
    approver: row.approver,
    approvedAt: toDate(row.created_at)!,
    comment: optional(row.comment),
  };
}

export function toRecord(
  row: GrantRow,
  approvals: GrantApproval[] = [],
): GrantRecord {
  return {
    id: row.id,
    state: row.state as GrantState,
    requester: row.requester,
    resourceArn: row.resource_arn,
    resourceType: row.resource_type,
    accountId: row.account_id,
    region: row.region,
    actions: JSON.parse(row.actions),
    reason: row.reason,
    durationMinutes: row.duration_minutes,
    createdAt: toDate(row.created_at)!,
    updatedAt: toDate(row.updated_at)!,
    approvedAt: toDate(row.approved_at),
    approvedBy: optional(row.approved_by),
    activatedAt: toDate(row.activated_at),
    expiresAt: toDate(row.expires_at),
    endedAt: toDate(row.ended_at),
    roleName: row.role_name,
    policyName: row.policy_name,
    roleArn: optional(row.role_arn),
    trustPrincipalArns: JSON.parse(row.trust_principal_arns),
    statements: JSON.parse(row.statements),
    endsAs: optional(row.ends_as) as GrantState | undefined,
    attempts: row.attempts,
    lastError: optional(row.last_error),
    claimedBy: optional(row.claimed_by),
    claimExpiresAt: toDate(row.claim_expires_at),
    resourceOwner: optional(row.resource_owner),
    resourceRef: optional(row.resource_ref),
    resourceTags: row.resource_tags ? JSON.parse(row.resource_tags) : undefined,
    approvalRequirement: row.approval_requirement
      ? (JSON.parse(row.approval_requirement) as ApprovalRequirement)
      : undefined,
    approvalDeadline: toDate(row.approval_deadline),
    approvals,
    expiryWarnedAt: toDate(row.expiry_warned_at),
    bundleId: optional(row.bundle_id),
    targets: row.targets ? JSON.parse(row.targets) : undefined,
  };
}

export function toEvent(row: EventRow): GrantEvent {
  return {
    id: Number(row.id),
    grantId: row.grant_id,
    type: row.type as GrantEventType,
    fromState: optional(row.from_state) as GrantState | undefined,
    toState: optional(row.to_state) as GrantState | undefined,
    actor: row.actor,
    reason: optional(row.reason),
    data: row.data ? JSON.parse(row.data) : undefined,
    createdAt: toDate(row.created_at)!.toISOString(),
  };
}

const PATCH_COLUMNS: Record<keyof GrantPatch, string> = {
  state: 'state',
  approvedAt: 'approved_at',
  approvedBy: 'approved_by',
  activatedAt: 'activated_at',
  expiresAt: 'expires_at',
  endedAt: 'ended_at',
  roleArn: 'role_arn',
  endsAs: 'ends_as',
  attempts: 'attempts',
  lastError: 'last_error',
  expiryWarnedAt: 'expiry_warned_at',
  claimedBy: 'claimed_by',
  claimExpiresAt: 'claim_expires_at',
};

/** The columns a patch sets, with `updated_at`. */
export function toPatchRow(
  patch: GrantPatch,
  now: Date,
): Record<string, unknown> {
  const update: Record<string, unknown> = { updated_at: now };
  for (const [key, value] of Object.entries(patch)) {
    update[PATCH_COLUMNS[key as keyof GrantPatch]] = value ?? null;
  }
  return update;
}

export function encodeCursor(row: GrantRecord): string {
  return Buffer.from(
    JSON.stringify([row.createdAt.getTime(), row.id]),
  ).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [time, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (typeof time === 'number' && typeof id === 'string') {
      return { createdAt: new Date(time), id };
    }
  } catch {
    // fall through
  }
  throw new InputError('cursor is not valid; pass the nextCursor of a page');
}

/** Whether a stored approval requirement can have approval rows. */
export function needsApprovals(requirement: string | null): boolean {
  if (requirement === null) {
    return false;
  }
  try {
    return (JSON.parse(requirement) as { mode?: string }).mode !== 'auto';
  } catch {
    return true;
  }
}

/** The row a new grant is inserted as. */
export function newGrantRow(grant: NewGrantRecord): Record<string, unknown> {
  return {
    id: grant.id,
    state: grant.state,
    requester: grant.requester,
    resource_arn: grant.resourceArn,
    resource_type: grant.resourceType,
    account_id: grant.accountId,
    region: grant.region,
    actions: JSON.stringify(grant.actions),
    actions_key: actionsKey(grant.actions),
    reason: grant.reason,
    duration_minutes: grant.durationMinutes,
    created_at: grant.createdAt,
    updated_at: grant.createdAt,
    approved_at: grant.approvedAt ?? null,
    approved_by: grant.approvedBy ?? null,
    activated_at: grant.activatedAt ?? null,
    expires_at: grant.expiresAt ?? null,
    ended_at: grant.endedAt ?? null,
    role_name: grant.roleName,
    policy_name: grant.policyName,
    role_arn: grant.roleArn ?? null,
    trust_principal_arns: JSON.stringify(grant.trustPrincipalArns),
    statements: JSON.stringify(grant.statements),
    ends_as: grant.endsAs ?? null,
    attempts: 0,
    last_error: grant.lastError ?? null,
    claimed_by: grant.claimedBy ?? null,
    claim_expires_at: grant.claimExpiresAt ?? null,
    resource_owner: grant.resourceOwner?.toLocaleLowerCase('en-US') ?? null,
    resource_ref: grant.resourceRef ?? null,
    resource_tags: grant.resourceTags
      ? JSON.stringify(grant.resourceTags)
      : null,
    approval_requirement: grant.approvalRequirement
      ? JSON.stringify(grant.approvalRequirement)
      : null,
    approval_deadline: grant.approvalDeadline ?? null,
    bundle_id: grant.bundleId ?? null,
    targets: grant.targets ? JSON.stringify(grant.targets) : null,
  };
}
