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

import crossFetch from 'cross-fetch';
import type { AwsAccessApi, RequestOptions } from './AwsAccessApi';
import { AwsAccessTransport } from './AwsAccessTransport';
import {
  breakGlassReviewsPath,
  bundlePath,
  exportGrantsPath,
  grantPath,
  grantsPath,
} from './apiPaths';
import type { AccessBundle, BundlePreview } from '../bundles';
import type {
  AccountOnboarding,
  AccountsResponse,
  BreakGlassReviewItem,
  BreakGlassReviewState,
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
 * What the client needs to find the backend; matches Backstage's DiscoveryApi.
 *
 * @public
 */
export interface AwsAccessDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/**
 * A fetch function; the frontend passes FetchApi, which adds the user's token.
 *
 * @public
 */
export interface AwsAccessFetch {
  fetch: typeof crossFetch;
}

/**
 * Typed client of the aws-access REST API, used by the frontend (with
 * FetchApi) and by backend modules (with a plugin request token).
 *
 * @public
 */
export class AwsAccessClient implements AwsAccessApi {
  private readonly transport: AwsAccessTransport;

  constructor(options: {
    discoveryApi: AwsAccessDiscovery;
    fetchApi?: AwsAccessFetch;
  }) {
    this.transport = new AwsAccessTransport(
      options.discoveryApi,
      options.fetchApi ?? { fetch: crossFetch },
    );
  }

  listAccounts(options?: RequestOptions) {
    return this.request<AccountsResponse>('GET', '/accounts', options);
  }

  prepareNewAccount(
    request: { accountId: string; name?: string; region?: string },
    options?: RequestOptions,
  ) {
    return this.request<NewAccountOnboarding>(
      'POST',
      '/onboarding/new',
      options,
      request,
    );
  }

  listActions(resourceArn: string, options?: RequestOptions) {
    return this.request<ListResponse<ActionInfo>>(
      'GET',
      `/actions?${new URLSearchParams({ resourceArn })}`,
      options,
    );
  }

  createGrant(request: CreateGrantRequest, options?: RequestOptions) {
    return this.request<Grant>('POST', '/grants', options, request);
  }

  previewGrant(request: CreateGrantRequest, options?: RequestOptions) {
    return this.request<GrantPreview>(
      'POST',
      '/grants/preview',
      options,
      request,
    );
  }

  listGrants(query: ListGrantsQuery = {}, options?: RequestOptions) {
    return this.request<ListResponse<Grant>>('GET', grantsPath(query), options);
  }

  getGrant(id: string, options?: RequestOptions) {
    return this.request<GrantWithEvents>('GET', grantPath(id), options);
  }

  revokeGrant(id: string, request = {}, options?: RequestOptions) {
    return this.grantAction(id, 'revoke', request, options);
  }

  extendGrant(
    id: string,
    request: ExtendGrantRequest,
    options?: RequestOptions,
  ) {
    return this.grantAction(id, 'extend', request, options);
  }

  approveGrant(
    id: string,
    request: DecisionRequest = {},
    options?: RequestOptions,
  ) {
    return this.grantAction(id, 'approve', request, options);
  }

  rejectGrant(
    id: string,
    request: DecisionRequest = {},
    options?: RequestOptions,
  ) {
    return this.grantAction(id, 'reject', request, options);
  }

  cancelGrant(
    id: string,
    request: RevokeGrantRequest = {},
    options?: RequestOptions,
  ) {
    return this.grantAction(id, 'cancel', request, options);
  }

  createBundle(request: CreateBundleRequest, options?: RequestOptions) {
    return this.request<AccessBundle>('POST', '/bundles', options, request);
  }

  previewBundle(request: CreateBundleRequest, options?: RequestOptions) {
    return this.request<BundlePreview>(
      'POST',
      '/bundles/preview',
      options,
      request,
    );
  }

  getBundle(id: string, options?: RequestOptions) {
    return this.request<AccessBundle>('GET', bundlePath(id), options);
  }

  approveBundle(
    id: string,
    request: DecisionRequest = {},
    options?: RequestOptions,
  ) {
    return this.bundleAction(id, 'approve', request, options);
  }

  rejectBundle(
    id: string,
    request: DecisionRequest = {},
    options?: RequestOptions,
  ) {
    return this.bundleAction(id, 'reject', request, options);
  }

  cancelBundle(
    id: string,
    request: RevokeGrantRequest = {},
    options?: RequestOptions,
  ) {
    return this.bundleAction(id, 'cancel', request, options);
  }

  revokeBundle(
    id: string,
    request: RevokeGrantRequest = {},
    options?: RequestOptions,
  ) {
    return this.bundleAction(id, 'revoke', request, options);
  }

  extendBundle(
    id: string,
    request: ExtendGrantRequest,
    options?: RequestOptions,
  ) {
    return this.bundleAction(id, 'extend', request, options);
  }

  getOnboarding(accountId: string, options?: RequestOptions) {
    return this.request<AccountOnboarding>(
      'GET',
      `/onboarding/${encodeURIComponent(accountId)}`,
      options,
    );
  }

  offboardAccount(accountId: string, options?: RequestOptions) {
    return this.request<OffboardResult>(
      'POST',
      `/accounts/${encodeURIComponent(accountId)}/offboard`,
      options,
      {},
    );
  }

  listBreakGlassReviews(
    query: {
      state?: BreakGlassReviewState[];
      limit?: number;
      cursor?: string;
    } = {},
    options?: RequestOptions,
  ) {
    return this.request<ListResponse<BreakGlassReviewItem>>(
      'GET',
      breakGlassReviewsPath(query),
      options,
    );
  }

  reviewBreakGlass(
    grantId: string,
    request: { decision: 'confirm' | 'flag'; comment?: string },
    options?: RequestOptions,
  ) {
    return this.request<BreakGlassReviewItem>(
      'POST',
      `/break-glass/reviews/${encodeURIComponent(grantId)}`,
      options,
      request,
    );
  }

  async exportGrants(
    query: {
      from: string;
      to: string;
      format: 'csv' | 'json';
      limit?: number;
      cursor?: string;
    },
    options?: RequestOptions,
  ) {
    const response = await this.transport.raw(exportGrantsPath(query), options);
    const text = await response.text();
    const nextCursor =
      query.format === 'csv'
        ? response.headers.get('x-next-cursor') ?? undefined
        : (JSON.parse(text) as { nextCursor?: string }).nextCursor;
    return { text, ...(nextCursor && { nextCursor }) };
  }

  private bundleAction(
    id: string,
    verb: string,
    body: object,
    options?: RequestOptions,
  ) {
    return this.request<AccessBundle>(
      'POST',
      `${bundlePath(id)}/${verb}`,
      options,
      body,
    );
  }

  private grantAction(
    id: string,
    verb: string,
    body: object,
    options?: RequestOptions,
  ) {
    return this.request<Grant>(
      'POST',
      `${grantPath(id)}/${verb}`,
      options,
      body,
    );
  }

  private request<T>(
    method: string,
    path: string,
    options?: RequestOptions,
    body?: unknown,
  ): Promise<T> {
    return this.transport.json<T>(method, path, options, body);
  }
}
