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

import type { AwsAccessApprovalPolicy } from '@backstage-aws-access/plugin-aws-access-node';
import { createGrant } from './createGrant';
import {
  approveGrant,
  rejectGrant,
  timeOutPendingGrants,
} from './grantApprovals';
import {
  createGrantApiContext,
  GrantApiContext,
  GrantApiOptions,
} from './grantApiContext';
import { cancelGrant, extendGrant, revokeGrant } from './grantChanges';
import { mustGet } from './grantOperation';
import {
  listAccounts,
  listActions,
  listEvents,
  listGrants,
} from './grantReads';
import { present, requestLimits } from './grantRules';
import { revokeAllInAccount } from './offboardAccount';
import { planGrantRequest, previewGrant } from './planGrantRequest';

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
  readonly present = this.bind(present);
  /** `POST /grants/preview`: what `createGrant` would do, creating nothing. */
  readonly previewGrant = this.bind(previewGrant);
  /**
   * Every check of one request and what it would become, creating
   * nothing: the planning bundles apply to each of their targets.
   */
  readonly planRequest = this.bind(planGrantRequest);
  /** The limits of a request, stated up front by the forms. */
  readonly limits = this.bind(requestLimits);
  readonly listAccounts = this.bind(listAccounts);
  readonly listActions = this.bind(listActions);
  readonly listGrants = this.bind(listGrants);
  readonly listEvents = this.bind(listEvents);
  /** Loads a grant, or answers 404. */
  readonly mustGet = this.bind(mustGet);
  /** Creates a grant for the caller (see createGrant.ts). */
  readonly createGrant = this.bind(createGrant);
  /** Revokes every live grant in the account (see offboardAccount.ts). */
  readonly revokeAllInAccount = this.bind(revokeAllInAccount);
  /** Ends pending requests nobody decided on in time; returns how many. */
  readonly timeOutPendingGrants = this.bind(timeOutPendingGrants);

  // The per-grant operations take the grant the router or action loaded
  // and authorized, never an id to load again.
  readonly approveGrant = this.bind(approveGrant);
  readonly rejectGrant = this.bind(rejectGrant);
  readonly cancelGrant = this.bind(cancelGrant);
  readonly revokeGrant = this.bind(revokeGrant);
  readonly extendGrant = this.bind(extendGrant);

  /** The approval policy the service decides with (the sweep times requests out by it). */
  get approvalPolicy(): AwsAccessApprovalPolicy {
    return this.ctx.approvals;
  }

  /** One of the grant API's operations, on this service's context. */
  private bind<TArgs extends unknown[], TResult>(
    operation: (ctx: GrantApiContext, ...args: TArgs) => TResult,
  ): (...args: TArgs) => TResult {
    return (...args) => operation(this.ctx, ...args);
  }
}
