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

import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { GrantState } from '@backstage-aws-access/plugin-aws-access-common';
import { GrantApproval } from '@backstage-aws-access/plugin-aws-access-node';
import { Knex } from 'knex';
import { EventsWrittenHook } from '../outbox/types';
import { whereCondition } from './grantClaims';
import { withApprovals } from './grantReads';
import {
  actionsKey,
  GrantRow,
  newGrantRow,
  toPatchRow,
  toRecord,
} from './grantRows';
import { checkInsertLimits, lockRequester } from './insertLimits';
import { KeyedSerializer } from './KeyedSerializer';
import {
  GrantCondition,
  GrantPatch,
  GrantRecord,
  InsertLimits,
  NewGrantEvent,
  NewGrantRecord,
} from './types';

/** What else an insert writes in its transaction, after the grant row. */
export type InsertExtra = (tx: Knex.Transaction) => Promise<void>;

/**
 * The store's writes. Every one is a transaction that changes the grant row
 * with one conditional statement (`UPDATE ... WHERE <condition> RETURNING *`),
 * appends its history rows and calls the outbox hook with their ids.
 */
export class GrantWrites {
  /**
   * Inserts of one requester, and approvals of one grant, wait for their
   * turn here rather than on a database lock with a pool connection held,
   * so that a burst from one person uses one connection of this replica,
   * not all of them. The database locks stay, for the other replicas.
   */
  private readonly turns = new KeyedSerializer();

  constructor(
    private readonly db: Knex,
    private readonly isPostgres: boolean,
    private readonly onEventsWritten?: EventsWrittenHook,
  ) {}

  /**
   * With `limits`, a request that finds as many of the requester's
   * requests waiting here as the live grants they may hold is refused at
   * once: those ahead of it reach the limit if they all succeed, and the
   * queue of one person stays bounded.
   */
  async insertGrant(
    grant: NewGrantRecord,
    event: NewGrantEvent,
    limits?: InsertLimits,
    extra?: InsertExtra,
  ): Promise<GrantRecord> {
    const key = `requester:${grant.requester}`;
    const max = limits?.maxLivePerRequester;
    if (max !== undefined && this.turns.size(key) >= max) {
      throw new ConflictError(
        `you have ${max} requests waiting to be stored already, as many as the ${max} live grants one person may hold; wait for their answers`,
      );
    }
    return this.turns.run(key, () =>
      this.insertNow(grant, event, limits, extra),
    );
  }

  private async insertNow(
    grant: NewGrantRecord,
    event: NewGrantEvent,
    limits?: InsertLimits,
    extra?: InsertExtra,
  ): Promise<GrantRecord> {
    try {
      return await this.db.transaction(async tx => {
        if (limits) {
          await checkInsertLimits(tx, this.isPostgres, grant, limits);
        } else if (extra) {
          // What the extra counts (break-glass uses) is per requester too.
          await lockRequester(tx, this.isPostgres, grant.requester);
        }
        const [row]: GrantRow[] = await tx('grants')
          .insert(newGrantRow(grant))
          .returning('*');
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
        await extra?.(tx);
        await this.insertEvent(tx, grant.id, event, grant.createdAt);
        // A new grant has no approvals yet.
        return toRecord(row);
      });
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        const existing = await this.db<GrantRow>('grants')
          .where({
            requester: grant.requester,
            resource_arn: grant.resourceArn,
            actions_key: actionsKey(grant.actions),
          })
          .whereIn('state', ['pending', 'provisioning', 'active'])
          .first();
        throw new ConflictError(
          `an identical request is already ${
            existing?.state ?? 'live'
          }: grant ${existing?.id ?? 'unknown'}`,
        );
      }
      throw error;
    }
  }

  async updateGrant(
    id: string,
    condition: GrantCondition,
    patch: GrantPatch,
    event?: NewGrantEvent,
    now: Date = new Date(),
  ): Promise<GrantRecord | undefined> {
    if (!event) {
      const row = await this.conditionalUpdate(
        this.db,
        id,
        condition,
        patch,
        now,
      );
      return row ? (await withApprovals(this.db, [row]))[0] : undefined;
    }
    return this.db.transaction(async tx => {
      const fromState = await this.fromState(tx, id, condition, event);
      const row = await this.conditionalUpdate(tx, id, condition, patch, now);
      if (!row) {
        return undefined;
      }
      await this.insertEvent(tx, id, { fromState, ...event }, now);
      return (await withApprovals(tx, [row]))[0];
    });
  }

  async recordApproval(
    id: string,
    approval: GrantApproval,
    patch: GrantPatch,
    event: NewGrantEvent,
  ): Promise<GrantRecord | undefined> {
    // Approvals of one grant take its row lock one after the other; a burst
    // of them would wait on it with a connection each.
    return this.turns.run(`grant:${id}`, () =>
      this.recordApprovalNow(id, approval, patch, event),
    );
  }

  private async recordApprovalNow(
    id: string,
    approval: GrantApproval,
    patch: GrantPatch,
    event: NewGrantEvent,
  ): Promise<GrantRecord | undefined> {
    const now = approval.approvedAt;
    try {
      return await this.db.transaction(async tx => {
        const row = await this.conditionalUpdate(
          tx,
          id,
          { states: ['pending'] },
          patch,
          now,
        );
        if (!row) {
          return undefined;
        }
        await tx('grant_approvals').insert({
          grant_id: id,
          approver: approval.approver.toLocaleLowerCase('en-US'),
          comment: approval.comment ?? null,
          created_at: now,
        });
        await this.insertEvent(tx, id, { fromState: 'pending', ...event }, now);
        return (await withApprovals(tx, [row]))[0];
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

  async appendEvent(
    grantId: string,
    event: NewGrantEvent,
    now: Date = new Date(),
  ): Promise<void> {
    await this.db.transaction(tx => this.insertEvent(tx, grantId, event, now));
  }

  private async conditionalUpdate(
    db: Knex | Knex.Transaction,
    id: string,
    condition: GrantCondition,
    patch: GrantPatch,
    now: Date,
  ): Promise<GrantRow | undefined> {
    const query = db<GrantRow>('grants').where({ id });
    whereCondition(query, condition, now);
    const rows: GrantRow[] = await query
      .update(toPatchRow(patch, now))
      .returning('*');
    return rows[0];
  }

  /**
   * The state the event starts from. Known without a read when the
   * condition names one state, which is every transition of the lifecycle;
   * otherwise read under the row lock the update takes anyway.
   */
  private async fromState(
    tx: Knex.Transaction,
    id: string,
    condition: GrantCondition,
    event: NewGrantEvent,
  ): Promise<GrantState | undefined> {
    if (event.fromState) return event.fromState;
    if (condition.states?.length === 1) return condition.states[0];
    const query = tx<GrantRow>('grants').select('state').where({ id });
    if (this.isPostgres) query.forUpdate();
    const row = await query.first();
    return row?.state as GrantState | undefined;
  }

  private async insertEvent(
    tx: Knex.Transaction,
    grantId: string,
    event: NewGrantEvent,
    now: Date,
  ): Promise<void> {
    const rows: Array<{ id: number | string }> = await tx('grant_events')
      .insert({
        grant_id: grantId,
        type: event.type,
        from_state: event.fromState ?? null,
        to_state: event.toState ?? null,
        actor: event.actor,
        reason: event.reason ?? null,
        data: event.data ? JSON.stringify(event.data) : null,
        created_at: now,
      })
      .returning('id');
    await this.onEventsWritten?.(
      tx,
      rows.map(r => ({ id: Number(r.id), grantId, type: event.type })),
    );
  }
}
