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

import type { AccessBundle, BundlePreview } from '../bundles';
import type {
  BreakGlassReviewItem,
  BreakGlassReviewState,
  AccountOnboarding,
  AccountsResponse,
  ActionInfo,
  Grant,
  GrantPreview,
  GrantWithEvents,
  ListResponse,
  NewAccountOnboarding,
  OffboardResult,
} from '../types';
import type {
  CreateBundleRequest,
  CreateGrantRequest,
  DecisionRequest,
  ExtendGrantRequest,
  RevokeGrantRequest,
} from '../schemas';
import type { ListGrantsQuery } from '../querySchemas';

/**
 * Per-call options; backend callers pass a token for the user they act for.
 *
 * @public
 */
export interface RequestOptions {
  token?: string;
}

/**
 * The REST API of the aws-access backend, as a typed interface.
 *
 * @public
 */
export interface AwsAccessApi {
  listAccounts(options?: RequestOptions): Promise<AccountsResponse>;
  listActions(
    resourceArn: string,
    options?: RequestOptions,
  ): Promise<ListResponse<ActionInfo>>;
  createGrant(
    request: CreateGrantRequest,
    options?: RequestOptions,
  ): Promise<Grant>;
  /**
   * `POST /grants/preview`: what `createGrant` with the same body would
   * create (policies, approvers, limits), validated the same way; creates
   * nothing. Optional so that older fakes and clients keep compiling.
   */
  previewGrant?(
    request: CreateGrantRequest,
    options?: RequestOptions,
  ): Promise<GrantPreview>;
  listGrants(
    query?: ListGrantsQuery,
    options?: RequestOptions,
  ): Promise<ListResponse<Grant>>;
  getGrant(id: string, options?: RequestOptions): Promise<GrantWithEvents>;
  revokeGrant(
    id: string,
    request?: RevokeGrantRequest,
    options?: RequestOptions,
  ): Promise<Grant>;
  extendGrant(
    id: string,
    request: ExtendGrantRequest,
    options?: RequestOptions,
  ): Promise<Grant>;
  approveGrant(
    id: string,
    request?: DecisionRequest,
    options?: RequestOptions,
  ): Promise<Grant>;
  rejectGrant(
    id: string,
    request?: DecisionRequest,
    options?: RequestOptions,
  ): Promise<Grant>;
  cancelGrant(
    id: string,
    request?: RevokeGrantRequest,
    options?: RequestOptions,
  ): Promise<Grant>;
  /**
   * `POST /bundles`: one request over several resources. Optional, like
   * every bundle call, for older fakes.
   */
  createBundle?(
    request: CreateBundleRequest,
    options?: RequestOptions,
  ): Promise<AccessBundle>;
  /** `POST /bundles/preview`: the parts and approvers; creates nothing. */
  previewBundle?(
    request: CreateBundleRequest,
    options?: RequestOptions,
  ): Promise<BundlePreview>;
  /** `GET /bundles/:id`. */
  getBundle?(id: string, options?: RequestOptions): Promise<AccessBundle>;
  /** `POST /bundles/:id/approve`: one decision over every part. */
  approveBundle?(
    id: string,
    request?: DecisionRequest,
    options?: RequestOptions,
  ): Promise<AccessBundle>;
  /** `POST /bundles/:id/reject`. */
  rejectBundle?(
    id: string,
    request?: DecisionRequest,
    options?: RequestOptions,
  ): Promise<AccessBundle>;
  /** `POST /bundles/:id/cancel`: the requester withdraws a pending bundle. */
  cancelBundle?(
    id: string,
    request?: RevokeGrantRequest,
    options?: RequestOptions,
  ): Promise<AccessBundle>;
  /** `POST /bundles/:id/revoke`: every part's role goes. */
  revokeBundle?(
    id: string,
    request?: RevokeGrantRequest,
    options?: RequestOptions,
  ): Promise<AccessBundle>;
  /** `POST /bundles/:id/extend`: every part moves to the same new expiry. */
  extendBundle?(
    id: string,
    request: ExtendGrantRequest,
    options?: RequestOptions,
  ): Promise<AccessBundle>;
  /**
   * `GET /break-glass/reviews`: break-glass grants the caller may review,
   * newest first. Optional for older fakes.
   */
  listBreakGlassReviews?(
    query?: {
      state?: BreakGlassReviewState[];
      limit?: number;
      cursor?: string;
    },
    options?: RequestOptions,
  ): Promise<ListResponse<BreakGlassReviewItem>>;
  /** `POST /break-glass/reviews/:grantId`: confirm or flag. Optional for older fakes. */
  reviewBreakGlass?(
    grantId: string,
    request: { decision: 'confirm' | 'flag'; comment?: string },
    options?: RequestOptions,
  ): Promise<BreakGlassReviewItem>;
  /**
   * Admin: one page of the access review export (`GET /export/grants`), as
   * the document the backend wrote (CSV or JSON) and the cursor of the next
   * page. Optional for older fakes.
   */
  exportGrants?(
    query: {
      from: string;
      to: string;
      format: 'csv' | 'json';
      limit?: number;
      cursor?: string;
    },
    options?: RequestOptions,
  ): Promise<{ text: string; nextCursor?: string }>;
  /** Admin: the CloudFormation template and quick-create link for an account. */
  getOnboarding(
    accountId: string,
    options?: RequestOptions,
  ): Promise<AccountOnboarding>;
  /** Admin: the stack and config for an account that is not configured yet. Optional for older fakes. */
  prepareNewAccount?(
    request: { accountId: string; name?: string; region?: string },
    options?: RequestOptions,
  ): Promise<NewAccountOnboarding>;
  /** Admin: revoke every active grant in the account before its stack is deleted. */
  offboardAccount(
    accountId: string,
    options?: RequestOptions,
  ): Promise<OffboardResult>;
}
