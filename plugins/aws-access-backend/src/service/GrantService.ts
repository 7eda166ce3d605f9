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

import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  ActionInfo,
  AwsAccount,
  Grant,
  GrantEvent,
  GrantLimits,
  GrantPreview,
  ListGrantsFilter,
} from '@backstage-aws-access/plugin-aws-access-common';
import type { AwsAccessApprovalPolicy } from '@backstage-aws-access/plugin-aws-access-node';
import { GrantRecord } from '../database/types';
import {
  approveGrant,
  GrantDecision,
  rejectGrant,
  timeOutPendingGrants,
} from '../grantApi/grantApprovals';
import {
  createGrantApiContext,
  GrantApiContext,
  GrantApiOptions,
} from '../grantApi/grantApiContext';
import {
  cancelGrant,
  extendGrant,
  ExtendGrantInput,
  revokeGrant,
  RevokeGrantInput,
} from '../grantApi/grantChanges';
import { mustGet } from '../grantApi/grantOperation';
import {
  listAccounts,
  listActions,
  listEvents,
  listGrants,
} from '../grantApi/grantReads';
import { present, requestLimits } from '../grantApi/grantRules';
import { createGrant } from '../grantApi/createGrant';
import {
  OffboardProgress,
  revokeAllInAccount,
} from '../grantApi/offboardAccount';
import {
  ParsedGrantRequest,
  planGrantRequest,
  previewGrant,
} from '../grantApi/planGrantRequest';
import { GrantFilter } from '../permissions/resource';
import { Caller } from './authorization';

/**
 * The grant API's rules: validates every request completely before any IAM
 * call, decides who may do what, and hands state changes to the engine.
 * Each job lives in its own file under `grantApi/`; this is the one object
 * the router, the actions and the plugin hold.
 */
export class GrantService {
  private readonly ctx: GrantApiContext;

  constructor(options: GrantApiOptions) {
    this.ctx = createGrantApiContext(options);
  }

  /** The API view of a stored grant, with `extension` and `cli`. */
  present(record: GrantRecord): Grant {
    return present(this.ctx, record);
  }

  /** `POST /grants/preview`: what `createGrant` would do, creating nothing. */
  previewGrant(
    request: ParsedGrantRequest,
    caller: Caller,
  ): Promise<GrantPreview> {
    return previewGrant(this.ctx, request, caller);
  }

  /**
   * Every check of one request and what it would become, creating
   * nothing: the planning bundles apply to each of their targets.
   */
  planRequest(request: ParsedGrantRequest, caller: Caller, now: Date) {
    return planGrantRequest(this.ctx, request, caller, now);
  }

  /** The limits of a request, stated up front by the forms. */
  limits(): GrantLimits {
    return requestLimits(this.ctx);
  }

  /** The approval policy the service decides with (the sweep times requests out by it). */
  get approvalPolicy(): AwsAccessApprovalPolicy {
    return this.ctx.approvals;
  }

  listAccounts(): AwsAccount[] {
    return listAccounts(this.ctx);
  }

  /** Revokes every live grant in the account (see offboardAccount.ts). */
  revokeAllInAccount(
    accountId: string,
    actor: string,
    onProgress?: (progress: OffboardProgress) => Promise<void>,
  ): Promise<OffboardProgress> {
    return revokeAllInAccount(this.ctx, accountId, actor, onProgress);
  }

  listActions(resourceArn: unknown): ActionInfo[] {
    return listActions(this.ctx, resourceArn);
  }

  /** Creates a grant for the caller (see createGrant.ts). */
  createGrant(
    request: ParsedGrantRequest,
    caller: Caller,
  ): Promise<GrantRecord> {
    return createGrant(this.ctx, request, caller);
  }

  // The per-grant operations take the grant the router or action loaded
  // and authorized, never an id to load again.

  approveGrant(grant: GrantRecord, decision: GrantDecision, caller: Caller) {
    return approveGrant(this.ctx, grant, decision, caller);
  }

  rejectGrant(grant: GrantRecord, decision: GrantDecision, caller: Caller) {
    return rejectGrant(this.ctx, grant, decision, caller);
  }

  cancelGrant(grant: GrantRecord, request: RevokeGrantInput, caller: Caller) {
    return cancelGrant(this.ctx, grant, request, caller);
  }

  /** Ends pending requests nobody decided on in time; returns how many. */
  timeOutPendingGrants(now = new Date()): Promise<number> {
    return timeOutPendingGrants(this.ctx, now);
  }

  listGrants(
    filter: ListGrantsFilter,
    permissionFilter?: PermissionCriteria<GrantFilter>,
  ): Promise<{ items: GrantRecord[]; nextCursor?: string }> {
    return listGrants(this.ctx, filter, permissionFilter);
  }

  listEvents(grant: GrantRecord): Promise<GrantEvent[]> {
    return listEvents(this.ctx, grant);
  }

  /** Loads a grant, or answers 404. */
  mustGet(id: string): Promise<GrantRecord> {
    return mustGet(this.ctx, id);
  }

  revokeGrant(grant: GrantRecord, request: RevokeGrantInput, caller: Caller) {
    return revokeGrant(this.ctx, grant, request, caller);
  }

  extendGrant(grant: GrantRecord, request: ExtendGrantInput, caller: Caller) {
    return extendGrant(this.ctx, grant, request, caller);
  }
}
