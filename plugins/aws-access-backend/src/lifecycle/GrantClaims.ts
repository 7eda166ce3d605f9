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

import { GrantState } from '@backstage-aws-access/plugin-aws-access-common';
import { GrantRecord, GrantStore } from '../database/types';
import type { HeldClaim } from './GrantLifecycle';

/**
 * The row claims of one claim owner: an engine, or a reconciler pass.
 *
 * A claim (`claimed_by`, `claim_expires_at`) is how replicas keep out of
 * each other's way: nobody works on a grant another owner holds a live
 * claim on, and a claim that is not renewed lapses, so a crashed owner's
 * grants are picked up after `leaseMs`. Owners must be distinct per
 * process *and* per job: taking a claim one already holds renews it, so
 * a shared owner would not keep two jobs apart.
 */
export class GrantClaims {
  constructor(
    private readonly store: Pick<
      GrantStore,
      'claimGrant' | 'claimGrants' | 'releaseClaim'
    >,
    readonly owner: string,
    private readonly leaseMs: number,
  ) {}

  /**
   * Claims the grant if it is in one of `states` and nobody else holds a
   * live claim on it (one's own is renewed). The claimed grant, or undefined.
   */
  take(id: string, states: GrantState[]): Promise<GrantRecord | undefined> {
    const now = new Date();
    return this.store.claimGrant(id, {
      owner: this.owner,
      until: this.until(now),
      now,
      states,
    });
  }

  /**
   * Claims up to `limit` grants in `states` whose claim has lapsed (or that
   * never had one), skipping rows other replicas are claiming right now.
   * The ids claimed.
   */
  takeLapsed(states: GrantState[], limit: number): Promise<string[]> {
    const now = new Date();
    return this.store.claimGrants({
      owner: this.owner,
      until: this.until(now),
      now,
      states,
      limit,
    });
  }

  release(id: string): Promise<void> {
    return this.store.releaseClaim(id, this.owner);
  }

  /**
   * Runs `work` on the grant as claimed, and gives the claim up after,
   * whatever `work` did. Undefined, without running `work`, when the grant
   * is not in `states` or someone else holds it.
   */
  async hold<T>(
    id: string,
    states: GrantState[],
    work: (grant: GrantRecord) => Promise<T>,
  ): Promise<{ result: T } | undefined> {
    const grant = await this.take(id, states);
    if (!grant) {
      return undefined;
    }
    try {
      return { result: await work(grant) };
    } finally {
      await this.release(id);
    }
  }

  /** The claim columns of a grant inserted already claimed by this owner. */
  atInsert(): { claimedBy: string; claimExpiresAt: Date } {
    return { claimedBy: this.owner, claimExpiresAt: this.until(new Date()) };
  }

  /** Whether `grant` (as read) carries a live claim of this owner. */
  holds(grant: GrantRecord): boolean {
    return (
      grant.claimedBy === this.owner &&
      !!grant.claimExpiresAt &&
      grant.claimExpiresAt > new Date()
    );
  }

  /** A transition's claim option: renewed for another lease, or given up. */
  held(options: { release?: boolean } = {}): HeldClaim {
    return options.release
      ? { owner: this.owner, release: true }
      : { owner: this.owner, renewUntil: this.until(new Date()) };
  }

  private until(now: Date): Date {
    return new Date(now.getTime() + this.leaseMs);
  }
}
