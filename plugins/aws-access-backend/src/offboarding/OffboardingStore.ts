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
import type { OffboardingState } from '@backstage-aws-access/plugin-aws-access-common';
import { Knex } from 'knex';

/** The latest offboarding request of an account and how far it got. */
export interface OffboardingRecord {
  accountId: string;
  state: OffboardingState;
  requestedBy: string;
  requestedAt: Date;
  revokedGrants: number;
  /** Live grants left when the task last stopped; unknown until it has run. */
  remainingGrants?: number;
  finishedAt?: Date;
  lastError?: string;
}

interface OffboardingRow {
  account_id: string;
  state: OffboardingState;
  requested_by: string;
  requested_at: Date | string;
  revoked_grants: number;
  remaining_grants: number | null;
  finished_at: Date | string | null;
  last_error: string | null;
}

const TABLE = 'account_offboardings';
const date = (value: Date | string) => new Date(value);

function fromRow(row: OffboardingRow): OffboardingRecord {
  return {
    accountId: row.account_id,
    state: row.state,
    requestedBy: row.requested_by,
    requestedAt: date(row.requested_at),
    revokedGrants: row.revoked_grants,
    remainingGrants: row.remaining_grants ?? undefined,
    finishedAt: row.finished_at ? date(row.finished_at) : undefined,
    lastError: row.last_error ?? undefined,
  };
}

/**
 * Offboarding requests (table `account_offboardings`, created by the
 * plugin's migrations with the grant store's).
 */
export class OffboardingStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<OffboardingStore> {
    return new OffboardingStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Records a request for the account. One already waiting or running is
   * kept as it is, so that asking twice starts one offboarding, not two.
   */
  async request(
    accountId: string,
    requestedBy: string,
    now = new Date(),
  ): Promise<OffboardingRecord> {
    await this.db.transaction(async tx => {
      const updated = await tx<OffboardingRow>(TABLE)
        .where({ account_id: accountId })
        .whereNotIn('state', ['requested', 'running'])
        .update({
          state: 'requested',
          requested_by: requestedBy,
          requested_at: now,
          revoked_grants: 0,
          remaining_grants: null,
          finished_at: null,
          last_error: null,
        });
      if (updated === 0) {
        await tx<OffboardingRow>(TABLE)
          .insert({
            account_id: accountId,
            state: 'requested',
            requested_by: requestedBy,
            requested_at: now,
            revoked_grants: 0,
          })
          .onConflict('account_id')
          .ignore();
      }
    });
    return (await this.get(accountId))!;
  }

  async get(accountId: string): Promise<OffboardingRecord | undefined> {
    const row = await this.db<OffboardingRow>(TABLE)
      .where({ account_id: accountId })
      .first();
    return row ? fromRow(row) : undefined;
  }

  /** The oldest request not finished: waiting, or left running by a stopped process. */
  async nextUnfinished(): Promise<OffboardingRecord | undefined> {
    const row = await this.db<OffboardingRow>(TABLE)
      .whereIn('state', ['requested', 'running'])
      .orderBy('requested_at', 'asc')
      .first();
    return row ? fromRow(row) : undefined;
  }

  async update(
    accountId: string,
    patch: Partial<
      Pick<
        OffboardingRecord,
        | 'state'
        | 'revokedGrants'
        | 'remainingGrants'
        | 'finishedAt'
        | 'lastError'
      >
    >,
  ): Promise<void> {
    await this.db<OffboardingRow>(TABLE)
      .where({ account_id: accountId })
      .update({
        ...(patch.state && { state: patch.state }),
        ...(patch.revokedGrants !== undefined && {
          revoked_grants: patch.revokedGrants,
        }),
        ...(patch.remainingGrants !== undefined && {
          remaining_grants: patch.remainingGrants,
        }),
        ...(patch.finishedAt && { finished_at: patch.finishedAt }),
        ...(patch.lastError !== undefined && { last_error: patch.lastError }),
      });
  }
}
