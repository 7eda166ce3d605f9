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
import {
  DatabaseService,
  isDatabaseConflictError,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  GrantEvent,
  GrantEventType,
  GrantState,
} from '@backstage-aws-access/plugin-aws-access-common';
import { Knex } from 'knex';
import {
  ApprovalRequirement,
  GrantApproval,
} from '@backstage-aws-access/plugin-aws-access-node';
import { applyGrantFilterToKnex } from '../permissions/applyGrantFilterToKnex';
import {
  GrantCondition,
  GrantPatch,
  GrantRecord,
  GrantStore,
  ListGrantsOptions,
  NewGrantEvent,
  NewGrantRecord,
  InsertLimits,
} from './types';

const migrationsDir = resolvePackagePath(
  '@backstage-aws-access/plugin-aws-access-backend',
  'migrations',
);

/** States in which an identical second request is a conflict. */
const LIVE_STATES: GrantState[] = ['pending', 'provisioning', 'active'];

type Timestamp = Date | number | string | null;

interface GrantRow {
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
  bundle_id?: string | null;
  targets?: string | null;
}

interface ApprovalRow {
  grant_id: string;
  approver: string;
  comment: string | null;
  created_at: Timestamp;
}

interface EventRow {
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
function toDate(value: Timestamp): Date | undefined {
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

function toApproval(row: ApprovalRow): GrantApproval {
  return {
    approver: row.approver,
    approvedAt: toDate(row.created_at)!,
    comment: optional(row.comment),
  };
}

function toRecord(row: GrantRow, approvals: GrantApproval[] = []): GrantRecord {
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
    bundleId: optional(row.bundle_id ?? null),
    targets: row.targets ? JSON.parse(row.targets) : undefined,
  };
}

function toEvent(row: EventRow): GrantEvent {
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
};

function encodeCursor(row: GrantRecord): string {
  return Buffer.from(
    JSON.stringify([row.createdAt.getTime(), row.id]),
  ).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
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
function needsApprovals(requirement: string | null): boolean {
  if (requirement === null) {
    return false;
  }
  try {
    return (JSON.parse(requirement) as { mode?: string }).mode !== 'auto';
  } catch {
    return true;
  }
}

/** Knex-backed {@link GrantStore}; the same queries run on SQLite and PostgreSQL. */
export class DatabaseGrantStore implements GrantStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseGrantStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseGrantStore(client);
  }

  private readonly isPostgres: boolean;

  private constructor(private readonly db: Knex) {
    this.isPostgres = db.client.config.client === 'pg';
  }

  async insertGrant(
    grant: NewGrantRecord,
    event: NewGrantEvent,
    limits?: InsertLimits,
  ): Promise<GrantRecord> {
    try {
      await this.db.transaction(async tx => {
        if (limits) {
          await this.checkLimits(tx, grant, limits);
        }
        await tx('grants').insert({
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
          resource_owner:
            grant.resourceOwner?.toLocaleLowerCase('en-US') ?? null,
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
        });
        const requirement = grant.approvalRequirement;
        if (requirement && requirement.mode !== 'auto') {
          const groups = [
            ...new Set(
              requirement.approverGroups.map(g => g.toLocaleLowerCase('en-US')),
            ),
          ];
          if (groups.length) {
            await tx('grant_approvers').insert(
              groups.map(group_ref => ({ grant_id: grant.id, group_ref })),
            );
          }
        }
        await this.insertEvent(tx, grant.id, event, grant.createdAt);
      });
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        const existing = await this.findLiveDuplicate(grant);
        throw new ConflictError(
          `an identical request is already ${
            existing?.state ?? 'live'
          }: grant ${existing?.id ?? 'unknown'}`,
        );
      }
      throw error;
    }
    return (await this.getGrant(grant.id))!;
  }

  /**
   * On PostgreSQL a per-requester advisory lock serializes one person's
   * concurrent requests, so that fifty at once still count one by one;
   * SQLite has a single writer already. The per-account cap is counted
   * without a lock: it guards against runaway use, not against one user.
   */
  private async checkLimits(
    tx: Knex.Transaction,
    grant: NewGrantRecord,
    limits: InsertLimits,
  ): Promise<void> {
    if (this.isPostgres) {
      await tx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [
        `aws-access:requester:${grant.requester}`,
      ]);
    }
    const count = async (
      where: Record<string, string>,
      states: GrantState[],
    ) => {
      const [row] = await tx('grants')
        .where(where)
        .whereIn('state', states)
        .count({ n: '*' });
      return Number(row.n);
    };
    if (
      grant.state === 'pending' &&
      (await count({ requester: grant.requester }, ['pending'])) >=
        limits.maxPendingPerRequester
    ) {
      throw new ConflictError(
        `you already have ${limits.maxPendingPerRequester} requests waiting for approval, the most one person may; cancel one or wait for a decision`,
      );
    }
    if (
      (await count({ requester: grant.requester }, LIVE_STATES)) >=
      limits.maxLivePerRequester
    ) {
      throw new ConflictError(
        `you already hold ${limits.maxLivePerRequester} live grants and requests, the most one person may; revoke one you no longer need`,
      );
    }
    if (
      (await count({ account_id: grant.accountId }, LIVE_STATES)) >=
      limits.maxLivePerAccount
    ) {
      throw new ConflictError(
        `account ${grant.accountId} already has ${limits.maxLivePerAccount} live grants, the most allowed; try again when some have ended`,
      );
    }
  }

  async getGrant(id: string): Promise<GrantRecord | undefined> {
    const row = await this.db<GrantRow>('grants').where({ id }).first();
    return row ? (await this.withApprovals(this.db, [row]))[0] : undefined;
  }

  async getGrants(ids: string[]): Promise<Array<GrantRecord | undefined>> {
    if (ids.length === 0) return [];
    const rows = await this.db<GrantRow>('grants').whereIn('id', ids);
    const records = await this.withApprovals(this.db, rows);
    return ids.map(id => records.find(r => r.id === id));
  }

  async recordApproval(
    id: string,
    approval: GrantApproval,
    patch: GrantPatch,
    event: NewGrantEvent,
  ): Promise<GrantRecord | undefined> {
    const now = approval.approvedAt;
    try {
      return await this.db.transaction(async tx => {
        const row = await this.lockRow(tx, id);
        if (!row || !this.holds(row, { states: ['pending'] }, now)) {
          return undefined;
        }
        await tx('grant_approvals').insert({
          grant_id: id,
          approver: approval.approver.toLocaleLowerCase('en-US'),
          comment: approval.comment ?? null,
          created_at: now,
        });
        await this.applyPatch(tx, row, patch, event, now);
        const updated = (await tx<GrantRow>('grants').where({ id }).first())!;
        return (await this.withApprovals(tx, [updated]))[0];
      });
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        throw new ConflictError(
          `${approval.approver} has already approved grant ${id}`,
        );
      }
      throw error;
    }
  }

  async listPendingDue(options: {
    now: Date;
    createdBefore: Date;
    limit: number;
  }): Promise<GrantRecord[]> {
    const rows = await this.db<GrantRow>('grants')
      .where('state', 'pending')
      .where(due =>
        due
          .where('approval_deadline', '<=', options.now)
          .orWhere(legacy =>
            legacy
              .whereNull('approval_deadline')
              .where('created_at', '<=', options.createdBefore),
          ),
      )
      .orderBy('created_at', 'asc')
      .limit(options.limit);
    return this.withApprovals(this.db, rows);
  }

  async listUnwarnedExpiring(
    before: Date,
    limit: number,
  ): Promise<GrantRecord[]> {
    const rows = await this.db<GrantRow>('grants')
      .where('state', 'active')
      .whereNull('expiry_warned_at')
      .where('expires_at', '<=', before)
      .orderBy('expires_at', 'asc')
      .limit(limit);
    return this.withApprovals(this.db, rows);
  }

  async listGrants(
    options: ListGrantsOptions,
  ): Promise<{ items: GrantRecord[]; nextCursor?: string }> {
    const query = this.db<GrantRow>('grants')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit + 1);
    if (options.state?.length) query.whereIn('state', options.state);
    if (options.requester) query.where('requester', options.requester);
    if (options.resourceArn) query.where('resource_arn', options.resourceArn);
    if (options.accountId) query.where('account_id', options.accountId);
    if (options.createdFrom)
      query.where('created_at', '>=', options.createdFrom);
    if (options.createdBefore) {
      query.where('created_at', '<', options.createdBefore);
    }
    if (options.permissionFilter) {
      applyGrantFilterToKnex(query, options.permissionFilter);
    }
    if (options.cursor) {
      const { createdAt, id } = decodeCursor(options.cursor);
      query.where(q =>
        q
          .where('created_at', '<', createdAt)
          .orWhere(q2 =>
            q2.where('created_at', createdAt).where('id', '<', id),
          ),
      );
    }
    const rows = await this.withApprovals(this.db, await query);
    if (rows.length <= options.limit) {
      return { items: rows };
    }
    const items = rows.slice(0, options.limit);
    return { items, nextCursor: encodeCursor(items[items.length - 1]) };
  }

  async listEvents(grantId: string): Promise<GrantEvent[]> {
    const rows = await this.db<EventRow>('grant_events')
      .where({ grant_id: grantId })
      .orderBy('id', 'asc');
    return rows.map(toEvent);
  }

  async findLiveDuplicate(options: {
    requester: string;
    resourceArn: string;
    actions: string[];
  }): Promise<GrantRecord | undefined> {
    const row = await this.db<GrantRow>('grants')
      .where({
        requester: options.requester,
        resource_arn: options.resourceArn,
        actions_key: actionsKey(options.actions),
      })
      .whereIn('state', LIVE_STATES)
      .first();
    return row ? (await this.withApprovals(this.db, [row]))[0] : undefined;
  }

  async updateGrant(
    id: string,
    condition: GrantCondition,
    patch: GrantPatch,
    event?: NewGrantEvent,
    now: Date = new Date(),
  ): Promise<GrantRecord | undefined> {
    return this.db.transaction(async tx => {
      const row = await this.lockRow(tx, id);
      if (!row || !this.holds(row, condition, now)) {
        return undefined;
      }
      await this.applyPatch(tx, row, patch, event, now);
      const updated = (await tx<GrantRow>('grants').where({ id }).first())!;
      return (await this.withApprovals(tx, [updated]))[0];
    });
  }

  private async applyPatch(
    tx: Knex.Transaction,
    row: GrantRow,
    patch: GrantPatch,
    event: NewGrantEvent | undefined,
    now: Date,
  ): Promise<void> {
    const update: Record<string, unknown> = { updated_at: now };
    for (const [key, value] of Object.entries(patch)) {
      update[PATCH_COLUMNS[key as keyof GrantPatch]] = value ?? null;
    }
    await tx('grants').where({ id: row.id }).update(update);
    if (event) {
      await this.insertEvent(
        tx,
        row.id,
        { fromState: row.state as GrantState, ...event },
        now,
      );
    }
  }

  /** Records with their approvals, loaded in one query for all rows. */
  private async withApprovals(
    db: Knex | Knex.Transaction,
    rows: GrantRow[],
  ): Promise<GrantRecord[]> {
    // Auto-approved grants are never pending, so they never have approvals:
    // no query for them (it was 8 of the 46 queries of a grant's request).
    const withApproval = rows
      .filter(r => needsApprovals(r.approval_requirement))
      .map(r => r.id);
    const approvals = withApproval.length
      ? await db<ApprovalRow>('grant_approvals')
          .whereIn('grant_id', withApproval)
          .orderBy('created_at', 'asc')
      : [];
    return rows.map(row =>
      toRecord(
        row,
        approvals.filter(a => a.grant_id === row.id).map(toApproval),
      ),
    );
  }

  async appendEvent(
    grantId: string,
    event: NewGrantEvent,
    now: Date = new Date(),
  ): Promise<void> {
    await this.insertEvent(this.db, grantId, event, now);
  }

  async claimGrant(
    id: string,
    options: { owner: string; until: Date; now: Date; states: GrantState[] },
  ): Promise<GrantRecord | undefined> {
    return this.db.transaction(async tx => {
      const row = await this.lockRow(tx, id);
      if (
        !row ||
        !this.holds(row, { states: options.states }, options.now) ||
        (row.claimed_by !== options.owner &&
          !this.holds(row, { claimedBy: null }, options.now))
      ) {
        return undefined;
      }
      await tx('grants')
        .where({ id })
        .update({ claimed_by: options.owner, claim_expires_at: options.until });
      const claimed = (await tx<GrantRow>('grants').where({ id }).first())!;
      return (await this.withApprovals(tx, [claimed]))[0];
    });
  }

  async claimGrants(options: {
    owner: string;
    until: Date;
    now: Date;
    states: GrantState[];
    limit: number;
  }): Promise<string[]> {
    return this.db.transaction(async tx => {
      const query = tx<GrantRow>('grants')
        .select('id')
        .whereIn('state', options.states)
        .where(q =>
          q
            .whereNull('claimed_by')
            .orWhere('claim_expires_at', '<', options.now),
        )
        .orderBy('updated_at', 'asc')
        .limit(options.limit);
      // PostgreSQL: rows another replica is claiming this instant are skipped
      // rather than waited for. SQLite has a single writer, so no lock is needed.
      if (this.isPostgres) query.forUpdate().skipLocked();
      const ids = (await query).map(r => r.id);
      if (ids.length) {
        await tx('grants').whereIn('id', ids).update({
          claimed_by: options.owner,
          claim_expires_at: options.until,
        });
      }
      return ids;
    });
  }

  async releaseClaim(id: string, owner: string): Promise<void> {
    await this.db('grants')
      .where({ id, claimed_by: owner })
      .update({ claimed_by: null, claim_expires_at: null });
  }

  async listExpiring(
    before: Date,
    limit: number,
  ): Promise<Array<{ id: string; expiresAt: Date }>> {
    const rows = await this.db<GrantRow>('grants')
      .select('id', 'expires_at')
      .where('state', 'active')
      .where('expires_at', '<=', before)
      .orderBy('expires_at', 'asc')
      .limit(limit);
    return rows.map(r => ({ id: r.id, expiresAt: toDate(r.expires_at)! }));
  }

  private async lockRow(
    tx: Knex.Transaction,
    id: string,
  ): Promise<GrantRow | undefined> {
    const query = tx<GrantRow>('grants').where({ id });
    if (this.isPostgres) query.forUpdate();
    return query.first();
  }

  private holds(row: GrantRow, condition: GrantCondition, now: Date): boolean {
    if (
      condition.states &&
      !condition.states.includes(row.state as GrantState)
    ) {
      return false;
    }
    if (condition.claimedBy !== undefined) {
      const claimExpires = toDate(row.claim_expires_at);
      const live =
        row.claimed_by !== null && !!claimExpires && claimExpires > now;
      if (
        condition.claimedBy === null
          ? live
          : row.claimed_by !== condition.claimedBy
      ) {
        return false;
      }
    }
    if (condition.expiresAtOrBefore) {
      const expiresAt = toDate(row.expires_at);
      if (!expiresAt || expiresAt > condition.expiresAtOrBefore) {
        return false;
      }
    }
    return true;
  }

  private async insertEvent(
    db: Knex | Knex.Transaction,
    grantId: string,
    event: NewGrantEvent,
    now: Date,
  ) {
    await db('grant_events').insert({
      grant_id: grantId,
      type: event.type,
      from_state: event.fromState ?? null,
      to_state: event.toState ?? null,
      actor: event.actor,
      reason: event.reason ?? null,
      data: event.data ? JSON.stringify(event.data) : null,
      created_at: now,
    });
  }
}
