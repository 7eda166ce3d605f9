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

import { GrantEvent } from '@backstage-aws-access/plugin-aws-access-common';
import { GrantApproval } from '@backstage-aws-access/plugin-aws-access-node';
import { Knex } from 'knex';
import { applyGrantFilterToKnex } from '../permissions/applyGrantFilterToKnex';
import {
  actionsKey,
  ApprovalRow,
  decodeCursor,
  encodeCursor,
  EventRow,
  GrantRow,
  LIVE_STATES,
  needsApprovals,
  toApproval,
  toDate,
  toEvent,
  toRecord,
} from './grantRows';
import { GrantRecord, ListGrantsOptions } from './types';

/** Records with their approvals, loaded in one query for all rows. */
export async function withApprovals(
  db: Knex | Knex.Transaction,
  rows: GrantRow[],
): Promise<GrantRecord[]> {
  // Auto-approved grants are never pending, so they never have approvals:
  // no query for them (it was 8 of the 46 queries of a grant's request).
  const withApproval = rows
    .filter(r => needsApprovals(r.approval_requirement))
    .map(r => r.id);
  const byGrant = new Map<string, GrantApproval[]>();
  if (withApproval.length) {
    const approvals = await db<ApprovalRow>('grant_approvals')
      .whereIn('grant_id', withApproval)
      .orderBy('created_at', 'asc');
    for (const approval of approvals) {
      const list = byGrant.get(approval.grant_id) ?? [];
      list.push(toApproval(approval));
      byGrant.set(approval.grant_id, list);
    }
  }
  return rows.map(row => toRecord(row, byGrant.get(row.id) ?? []));
}

/** The store's reads: single grants, lists and the history. */
export class GrantReads {
  constructor(private readonly db: Knex) {}

  async getGrant(id: string): Promise<GrantRecord | undefined> {
    const row = await this.db<GrantRow>('grants').where({ id }).first();
    return row ? (await withApprovals(this.db, [row]))[0] : undefined;
  }

  async getGrants(ids: string[]): Promise<Array<GrantRecord | undefined>> {
    if (ids.length === 0) return [];
    const rows = await this.db<GrantRow>('grants').whereIn('id', ids);
    const byId = new Map(
      (await withApprovals(this.db, rows)).map(r => [r.id, r]),
    );
    return ids.map(id => byId.get(id));
  }

  async listPendingDue(options: {
    now: Date;
    limit: number;
  }): Promise<GrantRecord[]> {
    const rows = await this.db<GrantRow>('grants')
      .where('state', 'pending')
      .where('approval_deadline', '<=', options.now)
      .orderBy('created_at', 'asc')
      .limit(options.limit);
    return withApprovals(this.db, rows);
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
    return withApprovals(this.db, rows);
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
    const rows = await withApprovals(this.db, await query);
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
    return row ? (await withApprovals(this.db, [row]))[0] : undefined;
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
}
