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

import { DatabaseService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import {
  BREAK_GLASS_MIN_REASON_LENGTH,
  BreakGlassReview,
  BreakGlassReviewState,
} from '@backstage-aws-access/plugin-aws-access-common';
import { Knex } from 'knex';
import {
  ApprovalRequirement,
  readPositiveInteger,
} from '@backstage-aws-access/plugin-aws-access-node';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { GrantReads } from '../database/grantReads';
import { GrantRecord } from '../database/types';
import { applyGrantFilterToKnex } from '../permissions/applyGrantFilterToKnex';
import { GrantFilter } from '../permissions/resource';

/** `awsAccess.breakGlass`, read once at start. */
export interface BreakGlassConfig {
  maxDurationMinutes: number;
  maxPerUser: number;
  periodMs: number;
}

export function readBreakGlassConfig(root: Config): BreakGlassConfig {
  const config = root.getOptionalConfig('awsAccess.breakGlass');
  const positive = (key: string, fallback: number) =>
    readPositiveInteger(config, 'awsAccess.breakGlass', key, fallback);
  const periodMs = config?.has('period')
    ? durationToMilliseconds(readDurationFromConfig(config, { key: 'period' }))
    : 7 * 24 * 60 * 60_000;
  if (!(periodMs > 0)) {
    throw new Error('awsAccess.breakGlass.period must be positive');
  }
  return {
    maxDurationMinutes: positive('maxDurationMinutes', 60),
    maxPerUser: positive('maxPerUser', 2),
    periodMs,
  };
}

type Timestamp = Date | string | number | null;

interface ReviewRow {
  grant_id: string;
  requester: string;
  state: string;
  created_at: Timestamp;
  reviewed_by: string | null;
  reviewed_at: Timestamp;
  comment: string | null;
}

const iso = (value: Timestamp) =>
  value === null || value === undefined
    ? undefined
    : new Date(value).toISOString();

function toReview(row: ReviewRow): BreakGlassReview {
  return {
    grantId: row.grant_id,
    requester: row.requester,
    state: row.state as BreakGlassReviewState,
    createdAt: iso(row.created_at)!,
    ...(row.reviewed_by && { reviewedBy: row.reviewed_by }),
    ...(row.reviewed_at !== null && { reviewedAt: iso(row.reviewed_at) }),
    ...(row.comment && { comment: row.comment }),
  };
}

/**
 * The break-glass review queue (table `break_glass_reviews`, created by the
 * plugin's migrations, which `DatabaseGrantStore.create` runs).
 */
export class BreakGlassReviews {
  private readonly grants: GrantReads;

  private constructor(private readonly db: Knex) {
    this.grants = new GrantReads(db);
  }

  static async create(options: {
    database: DatabaseService;
  }): Promise<BreakGlassReviews> {
    return new BreakGlassReviews(await options.database.getClient());
  }

  /**
   * Records a break-glass use in the transaction that inserts its grant,
   * which holds the per-requester lock: the uses in the period are counted
   * there, so simultaneous requests cannot pass the limit together, and a
   * refused or failed record leaves no grant.
   */
  async recordUse(
    tx: Knex.Transaction,
    use: {
      grantId: string;
      requester: string;
      createdAt: Date;
      config: BreakGlassConfig;
    },
  ): Promise<void> {
    const { config } = use;
    const since = new Date(use.createdAt.getTime() - config.periodMs);
    const [row] = await tx('break_glass_reviews')
      .where({ requester: use.requester })
      .andWhere('created_at', '>=', since)
      .count({ n: '*' });
    const used = Number(row?.n ?? 0);
    if (used >= config.maxPerUser) {
      throw new ConflictError(
        `You have used break-glass ${used} times in the last ${describePeriod(
          config.periodMs,
        )} (the limit is ${config.maxPerUser}); ask an approver instead.`,
      );
    }
    await tx<ReviewRow>('break_glass_reviews').insert({
      grant_id: use.grantId,
      requester: use.requester,
      state: 'pending',
      created_at: use.createdAt,
    });
  }

  async get(grantId: string): Promise<BreakGlassReview | undefined> {
    const row = await this.db<ReviewRow>('break_glass_reviews')
      .where({ grant_id: grantId })
      .first();
    return row ? toReview(row) : undefined;
  }

  /**
   * The reviews `reviewer` may decide, newest first, with their grants:
   * never their own, and only grants `grantFilter` (a conditional
   * permission decision) allows. Filtered in SQL, so a page costs three
   * queries however many reviews the reviewer may not see; `more` says
   * whether a next page exists.
   */
  async listReviewable(options: {
    reviewer: string;
    state?: BreakGlassReviewState[];
    grantFilter?: PermissionCriteria<GrantFilter>;
    limit: number;
    offset: number;
  }): Promise<{
    items: Array<{ review: BreakGlassReview; grant: GrantRecord }>;
    more: boolean;
  }> {
    const query = this.db<ReviewRow>('break_glass_reviews')
      .whereNot('requester', options.reviewer)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'grant_id', order: 'desc' },
      ])
      .limit(options.limit + 1)
      .offset(options.offset);
    if (options.state?.length) {
      query.whereIn('state', options.state);
    }
    if (options.grantFilter) {
      query.whereIn(
        'grant_id',
        applyGrantFilterToKnex(
          this.db('grants').select('id'),
          options.grantFilter,
        ),
      );
    }
    const rows = await query;
    const page = rows.slice(0, options.limit).map(toReview);
    const grants = await this.grants.getGrants(page.map(r => r.grantId));
    return {
      items: page.flatMap((review, i) =>
        grants[i] ? [{ review, grant: grants[i]! }] : [],
      ),
      more: rows.length > options.limit,
    };
  }

  /** Confirms or flags a pending review; false when it was decided meanwhile. */
  async decide(
    grantId: string,
    decision: {
      state: 'confirmed' | 'flagged';
      reviewer: string;
      comment?: string;
      at: Date;
    },
  ): Promise<boolean> {
    const updated = await this.db<ReviewRow>('break_glass_reviews')
      .where({ grant_id: grantId, state: 'pending' })
      .update({
        state: decision.state,
        reviewed_by: decision.reviewer,
        reviewed_at: decision.at,
        comment: decision.comment ?? null,
      });
    return updated > 0;
  }
}

/**
 * Admits a break-glass request or refuses it with the reason, before
 * anything is written: an approval rule must allow it for this request,
 * the reason must say enough and the duration stay within the break-glass
 * cap. Answers the requirement to record (`breakGlass: 'used'`); the
 * per-period limit is checked with the insert
 * ({@link BreakGlassReviews.recordUse}).
 */
export function admitBreakGlass(options: {
  requirement: ApprovalRequirement;
  reason: string;
  durationMinutes: number;
  config: BreakGlassConfig;
}): ApprovalRequirement {
  const { requirement, config } = options;
  if (requirement.mode === 'auto') {
    throw new InputError(
      'breakGlass: this request needs no approval; request it without breakGlass',
    );
  }
  if (requirement.breakGlass !== 'allowed') {
    throw new InputError(
      'breakGlass: no approval rule allows break-glass for this request; it must be approved',
    );
  }
  if (options.reason.trim().length < BREAK_GLASS_MIN_REASON_LENGTH) {
    throw new InputError(
      `reason: a break-glass request must explain the emergency in at least ${BREAK_GLASS_MIN_REASON_LENGTH} characters`,
    );
  }
  if (options.durationMinutes > config.maxDurationMinutes) {
    throw new InputError(
      `durationMinutes: a break-glass grant lasts at most ${config.maxDurationMinutes} minutes`,
    );
  }
  return { ...requirement, breakGlass: 'used' };
}

function describePeriod(ms: number): string {
  const hours = ms / 3_600_000;
  return hours >= 48 && Number.isInteger(hours / 24)
    ? `${hours / 24} days`
    : `${Math.round(hours)} hours`;
}
