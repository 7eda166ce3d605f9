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
  GrantEvent,
  GrantState,
  GrantTarget,
  ListGrantsFilter,
} from '@backstage-aws-access/plugin-aws-access-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { PermissionStatement } from '../iamActions/types';
import {
  ApprovalRequirement,
  GrantApproval,
} from '@backstage-aws-access/plugin-aws-access-node';
import { GrantFilter } from '../permissions/resource';
import { Knex } from 'knex';

/** A grant as stored: the API fields plus what the engine needs to act on it. */
export interface GrantRecord {
  id: string;
  state: GrantState;
  requester: string;
  resourceArn: string;
  resourceType: string;
  accountId: string;
  region: string;
  /** Sorted, without duplicates. */
  actions: string[];
  reason: string;
  durationMinutes: number;
  createdAt: Date;
  updatedAt: Date;
  approvedAt?: Date;
  approvedBy?: string;
  activatedAt?: Date;
  expiresAt?: Date;
  endedAt?: Date;
  roleName: string;
  policyName: string;
  roleArn?: string;
  trustPrincipalArns: string[];
  statements: PermissionStatement[];
  /** While `revoking`: the terminal state the grant ends in. */
  endsAs?: GrantState;
  /** Failed attempts at the current step. */
  attempts: number;
  lastError?: string;
  claimedBy?: string;
  claimExpiresAt?: Date;
  /** Entity ref of the catalogued resource the grant is on or under. */
  resourceRef?: string;
  /** Lower-case owner entity ref of the resource, from the catalog at request time. */
  resourceOwner?: string;
  /** Tags of the resource, from the catalog at request time. */
  resourceTags?: Record<string, string>;
  /** Who must approve, fixed at request time; absent for grants made before approvals. */
  approvalRequirement?: ApprovalRequirement;
  /**
   * When a pending request times out, fixed at request time; absent for
   * grants that needed no approval and for rows made before it was stored.
   */
  approvalDeadline?: Date;
  /** Approvals recorded so far, oldest first. */
  approvals: GrantApproval[];
  /** When the requester was warned that the grant ends soon. */
  expiryWarnedAt?: Date;
  /** The bundle this grant is one part of, approved and ended with it. */
  bundleId?: string;
  /** Every resource the role covers (a bundle's part); absent for a single grant. */
  targets?: GrantTarget[];
}

/**
 * Caps checked in the same transaction as the insert, so that a burst of
 * requests cannot slip past them; a cap reached is a `ConflictError`.
 */
export interface InsertLimits {
  maxLivePerRequester: number;
  maxPendingPerRequester: number;
  maxLivePerAccount: number;
}

/**
 * What a new grant is created with; with `claimedBy`, it is claimed by
 * that engine from the start (one that needs no approval, driven next).
 */
export type NewGrantRecord = Omit<
  GrantRecord,
  'updatedAt' | 'attempts' | 'approvals' | 'expiryWarnedAt'
>;

/** Columns a transition may change. `null` clears a field. */
export type GrantPatch = {
  [K in
    | 'state'
    | 'approvedAt'
    | 'approvedBy'
    | 'activatedAt'
    | 'expiresAt'
    | 'endedAt'
    | 'roleArn'
    | 'endsAs'
    | 'attempts'
    | 'lastError'
    | 'expiryWarnedAt'
    | 'claimedBy'
    | 'claimExpiresAt']?: GrantRecord[K] | null;
};

/**
 * One history row, written in the same transaction as the change it
 * records; the store gives it its id, grant and time.
 */
export type NewGrantEvent = Omit<GrantEvent, 'id' | 'grantId' | 'createdAt'>;

/**
 * When an update applies. All given conditions must hold at the moment of
 * the write, checked atomically by the database, so that two engines (or an
 * engine and a user) cannot both win.
 */
export interface GrantCondition {
  /** The grant must be in one of these states. */
  states?: GrantState[];
  /** The grant must be claimed by this owner (`null`: by nobody live). */
  claimedBy?: string | null;
  /** The grant must expire at or before this time. */
  expiresAtOrBefore?: Date;
}

export interface ListGrantsOptions extends Omit<ListGrantsFilter, 'limit'> {
  limit: number;
  /** Only grants created at or after this time (the access review export). */
  createdFrom?: Date;
  /** Only grants created before this time. */
  createdBefore?: Date;
  /**
   * A conditional permission decision, as grant filters: only grants it
   * allows are listed. Applied in the query, so pages stay full.
   */
  permissionFilter?: PermissionCriteria<GrantFilter>;
}

/** Who claims grants in which states, until when, as of `now`. */
export interface GrantClaimRequest {
  owner: string;
  until: Date;
  now: Date;
  states: GrantState[];
}

/**
 * Persistence of grants, their events and the engine's row claims.
 * Every write is atomic; no method leaves a state change without its event.
 */
export interface GrantStore {
  /**
   * Inserts a grant and its first event. Throws `ConflictError` naming the
   * existing grant when the same requester already holds a live grant for the
   * same resource and action set.
   */
  insertGrant(
    grant: NewGrantRecord,
    event: NewGrantEvent,
    limits?: InsertLimits,
    /**
     * Further writes that must commit with the grant or not at all, run
     * after its row is inserted and under the per-requester lock (e.g. the
     * break-glass review, counted against a per-requester limit).
     */
    extra?: (tx: Knex.Transaction) => Promise<void>,
  ): Promise<GrantRecord>;

  getGrant(id: string): Promise<GrantRecord | undefined>;

  /** Newest first, with an opaque cursor to the next page. */
  listGrants(
    options: ListGrantsOptions,
  ): Promise<{ items: GrantRecord[]; nextCursor?: string }>;

  /** The grant's history, oldest first. */
  listEvents(grantId: string): Promise<GrantEvent[]>;

  /** The live grant identical to a new request, if any. */
  findLiveDuplicate(options: {
    requester: string;
    resourceArn: string;
    actions: string[];
  }): Promise<GrantRecord | undefined>;

  /**
   * Applies `patch` and appends `event` in one transaction, if `condition`
   * holds. Returns the updated grant, or `undefined` when the condition did
   * not hold (nothing was written).
   */
  updateGrant(
    id: string,
    condition: GrantCondition,
    patch: GrantPatch,
    event?: NewGrantEvent,
    now?: Date,
  ): Promise<GrantRecord | undefined>;

  /** Appends an event without changing the grant (e.g. a reconciler note). */
  appendEvent(grantId: string, event: NewGrantEvent, now?: Date): Promise<void>;

  /**
   * Claims the grant for `owner` until `until`, if it is in one of `states`
   * and nobody else holds a live claim. Re-claiming one's own claim renews it.
   */
  claimGrant(
    id: string,
    options: GrantClaimRequest,
  ): Promise<GrantRecord | undefined>;

  /**
   * Claims up to `limit` unclaimed grants in `states` at once, skipping rows
   * other replicas are claiming right now.
   */
  claimGrants(
    options: GrantClaimRequest & { limit: number },
  ): Promise<string[]>;

  releaseClaim(id: string, owner: string): Promise<void>;

  /** Grants by id, in the order given (`undefined` for unknown ids). */
  getGrants(ids: string[]): Promise<Array<GrantRecord | undefined>>;

  /**
   * Records `approval` of a pending grant and, in the same transaction,
   * applies `patch` and appends `event` (e.g. the move to `provisioning` when
   * this approval completes the requirement). Returns `undefined` when the
   * grant is no longer pending; throws `ConflictError` when this approver
   * already approved it.
   */
  recordApproval(
    id: string,
    approval: GrantApproval,
    patch: GrantPatch,
    event: NewGrantEvent,
  ): Promise<GrantRecord | undefined>;

  /**
   * Pending grants whose approval deadline (fixed at request time) is at
   * or before `now`, oldest first.
   */
  listPendingDue(options: { now: Date; limit: number }): Promise<GrantRecord[]>;

  /** Active grants expiring at or before `before` whose requester was not warned yet. */
  listUnwarnedExpiring(before: Date, limit: number): Promise<GrantRecord[]>;

  /** Active grants whose expiry is at or before `before`, soonest first. */
  listExpiring(
    before: Date,
    limit: number,
  ): Promise<Array<{ id: string; expiresAt: Date }>>;
}
