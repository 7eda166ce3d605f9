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
} from '@backstage-aws-access/plugin-aws-access-common';
import type { AwsAccessApprovalPolicy } from '@backstage-aws-access/plugin-aws-access-node';
import { GrantRecord } from '../database/types';
import {
  approveGrant,
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
  revokeGrant,
} from '../grantApi/grantChanges';
import { mustGet } from '../grantApi/grantOperation';
import {
  getGrant,
  listAccounts,
  listActions,
  listGrants,
} from '../grantApi/grantReads';
import { present, requestLimits } from '../grantApi/grantRules';
import { createGrant } from '../grantApi/createGrant';
import { revokeAllInAccount } from '../grantApi/offboardAccount';
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
  previewGrant(body: unknown, caller: Caller): Promise<GrantPreview> {
    return previewGrant(this.ctx, body, caller);
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
  revokeAllInAccount(accountId: string, actor: string): Promise<number> {
    return revokeAllInAccount(this.ctx, accountId, actor);
  }

  listActions(resourceArn: unknown): ActionInfo[] {
    return listActions(this.ctx, resourceArn);
  }

  /** Creates a grant for the caller (see createGrant.ts). */
  createGrant(body: unknown, caller: Caller): Promise<GrantRecord> {
    return createGrant(this.ctx, body, caller);
  }

  approveGrant(id: string, body: unknown, caller: Caller) {
    return approveGrant(this.ctx, id, body, caller);
  }

  rejectGrant(id: string, body: unknown, caller: Caller) {
    return rejectGrant(this.ctx, id, body, caller);
  }

  cancelGrant(id: string, body: unknown, caller: Caller) {
    return cancelGrant(this.ctx, id, body, caller);
  }

  /** Ends pending requests nobody decided on in time; returns how many. */
  timeOutPendingGrants(now = new Date()): Promise<number> {
    return timeOutPendingGrants(this.ctx, now);
  }

  listGrants(
    query: unknown,
    permissionFilter?: PermissionCriteria<GrantFilter>,
  ): Promise<{ items: GrantRecord[]; nextCursor?: string }> {
    return listGrants(this.ctx, query, permissionFilter);
  }

  getGrant(id: string): Promise<{ grant: GrantRecord; events: GrantEvent[] }> {
    return getGrant(this.ctx, id);
  }

  /** Loads a grant, or answers 404. */
  mustGet(id: string): Promise<GrantRecord> {
    return mustGet(this.ctx, id);
  }

  revokeGrant(id: string, body: unknown, caller: Caller) {
    return revokeGrant(this.ctx, id, body, caller);
  }

  extendGrant(id: string, body: unknown, caller: Caller) {
    return extendGrant(this.ctx, id, body, caller);
  }
}
