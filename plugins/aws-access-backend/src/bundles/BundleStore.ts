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
  DatabaseService,
  isDatabaseConflictError,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { KeyedSerializer } from '../database/KeyedSerializer';
import { BundleApproval, HumanRequirement } from './bundleApproval';

/** A bundle's decision: what its parts are waiting for, or how it ended. */
export type BundleDecision = 'pending' | 'approved' | 'rejected' | 'cancelled';

/** A bundle as stored: the decision and the shared expiry; parts are grants. */
export interface BundleRecord {
  id: string;
  requester: string;
  reason: string;
  durationMinutes: number;
  createdAt: Date;
  decision: BundleDecision;
  /** Every approval requirement the bundle must meet; empty when none. */
  requirements: HumanRequirement[];
  decidedAt?: Date;
  decidedBy?: string;
  /** The expiry every part shares, from the moment the bundle is approved. */
  expiresAt?: Date;
  approvalDeadline?: Date;
  approvals: BundleApproval[];
}

/** Judges an approval against the bundle as it is inside the transaction. */
type DecideApproval = (bundle: BundleRecord) => {
  approval: BundleApproval;
  approve?: { expiresAt: Date; decidedBy: string };
};

type Timestamp = Date | string | number | null;

interface BundleRow {
  id: string;
  requester: string;
  reason: string;
  duration_minutes: number;
  created_at: Timestamp;
  decision: string;
  requirements: string;
  decided_at: Timestamp;
  decided_by: string | null;
  expires_at: Timestamp;
  approval_deadline: Timestamp;
}

interface ApprovalRow {
  bundle_id: string;
  approver: string;
  approved_at: Timestamp;
  comment: string | null;
  counts_for: string;
}

// SQLite hands timestamps back as epoch milliseconds, PostgreSQL as Dates.
const toDate = (value: Timestamp) =>
  value === null || value === undefined ? undefined : new Date(value);

function toRecord(row: BundleRow, approvals: ApprovalRow[]): BundleRecord {
  return {
    id: row.id,
    requester: row.requester,
    reason: row.reason,
    durationMinutes: row.duration_minutes,
    createdAt: toDate(row.created_at)!,
    decision: row.decision as BundleDecision,
    requirements: JSON.parse(row.requirements),
    decidedAt: toDate(row.decided_at),
    decidedBy: row.decided_by ?? undefined,
    expiresAt: toDate(row.expires_at),
    approvalDeadline: toDate(row.approval_deadline),
    approvals: approvals.map(a => ({
      approver: a.approver,
      approvedAt: toDate(a.approved_at)!,
      ...(a.comment ? { comment: a.comment } : {}),
      countsFor: JSON.parse(a.counts_for),
    })),
  };
}

/**
 * Persistence of bundles (tables `access_bundles`, `access_bundle_approvals`,
 * created by the plugin's migrations, which `DatabaseGrantStore.create`
 * runs). The parts are grants in the grant store, found by `bundle_id`.
 */
export class BundleStore {
  /**
   * Approvals of one bundle wait for their turn here, not on the bundle's
   * row lock with a pool connection each.
   */
  private readonly approvals = new KeyedSerializer();

  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: DatabaseService;
  }): Promise<BundleStore> {
    return new BundleStore(await options.database.getClient());
  }

  async insert(
    bundle: Omit<BundleRecord, 'approvals' | 'decidedAt' | 'decidedBy'>,
  ): Promise<void> {
    await this.db<BundleRow>('access_bundles').insert({
      id: bundle.id,
      requester: bundle.requester,
      reason: bundle.reason,
      duration_minutes: bundle.durationMinutes,
      created_at: bundle.createdAt,
      decision: bundle.decision,
      requirements: JSON.stringify(bundle.requirements),
      expires_at: bundle.expiresAt ?? null,
      approval_deadline: bundle.approvalDeadline ?? null,
    });
  }

  async get(id: string): Promise<BundleRecord | undefined> {
    return this.read(this.db, id);
  }

  /**
   * Ids of the bundle's grants, by account: a bundle's parts are created
   * in one instant, so the creation time would leave their order to the
   * random ids.
   */
  async partIds(id: string): Promise<string[]> {
    const rows = await this.db('grants')
      .where({ bundle_id: id })
      .orderBy([
        { column: 'account_id', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .select<Array<{ id: string }>>('id');
    return rows.map(r => r.id);
  }

  /**
   * Records an approval and, when `decide` says so from the bundle as it
   * is inside the transaction, the decision, atomically. The bundle row is
   * locked first (PostgreSQL; SQLite has one writer), so simultaneous
   * approvals are judged one after the other: each sees the others, and
   * exactly one of them approves the bundle.
   *
   * Returns the bundle after the write and whether this call approved it.
   * Throws `ConflictError` when the bundle is no longer pending or this
   * person already approved it.
   */
  async addBundleApproval(
    id: string,
    decide: DecideApproval,
  ): Promise<{ bundle: BundleRecord; approvedNow: boolean }> {
    return this.approvals.run(id, () => this.approveNow(id, decide));
  }

  private async approveNow(
    id: string,
    decide: DecideApproval,
  ): Promise<{ bundle: BundleRecord; approvedNow: boolean }> {
    try {
      return await this.db.transaction(async tx => {
        const current = await this.read(tx, id, true);
        if (!current || current.decision !== 'pending') {
          throw new ConflictError(
            `bundle ${id} is ${current?.decision ?? 'gone'}; reload it`,
          );
        }
        const { approval, approve } = decide(current);
        await tx<ApprovalRow>('access_bundle_approvals').insert({
          bundle_id: id,
          approver: approval.approver,
          approved_at: approval.approvedAt,
          comment: approval.comment ?? null,
          counts_for: JSON.stringify(approval.countsFor),
        });
        if (approve) {
          await tx<BundleRow>('access_bundles')
            .where({ id, decision: 'pending' })
            .update({
              decision: 'approved',
              decided_at: approval.approvedAt,
              decided_by: approve.decidedBy,
              expires_at: approve.expiresAt,
            });
        }
        return {
          bundle: (await this.read(tx, id))!,
          approvedNow: !!approve,
        };
      });
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        throw new ConflictError(`You have already approved bundle ${id}`);
      }
      throw error;
    }
  }

  /**
   * Ends a pending bundle (`rejected` or `cancelled`). Returns false when
   * it was decided meanwhile: only one decision ever wins.
   */
  async decide(
    id: string,
    decision: 'rejected' | 'cancelled',
    actor: string,
    now: Date,
  ): Promise<boolean> {
    const changed = await this.db<BundleRow>('access_bundles')
      .where({ id, decision: 'pending' })
      .update({ decision, decided_at: now, decided_by: actor });
    return changed === 1;
  }

  /**
   * Approves a pending bundle that needs nobody's approval. Returns false
   * when it was decided meanwhile.
   */
  async approve(
    id: string,
    options: { now: Date; expiresAt: Date; approvedBy: string },
  ): Promise<boolean> {
    const changed = await this.db<BundleRow>('access_bundles')
      .where({ id, decision: 'pending' })
      .update({
        decision: 'approved',
        decided_at: options.now,
        decided_by: options.approvedBy,
        expires_at: options.expiresAt,
      });
    return changed === 1;
  }

  /** Records the expiry every part now shares (after an extension). */
  async setExpiry(id: string, expiresAt: Date): Promise<void> {
    await this.db<BundleRow>('access_bundles')
      .where({ id })
      .update({ expires_at: expiresAt });
  }

  private async read(
    db: Knex | Knex.Transaction,
    id: string,
    lock = false,
  ): Promise<BundleRecord | undefined> {
    const query = db<BundleRow>('access_bundles').where({ id }).first();
    const row = await (lock ? query.forUpdate() : query);
    if (!row) {
      return undefined;
    }
    const approvals = await db<ApprovalRow>('access_bundle_approvals')
      .where({ bundle_id: id })
      .orderBy('approved_at', 'asc');
    return toRecord(row as BundleRow, approvals);
  }
}
