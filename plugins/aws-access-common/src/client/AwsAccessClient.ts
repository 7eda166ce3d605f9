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

import { ResponseError } from '@backstage/errors';
import crossFetch from 'cross-fetch';
import { AWS_ACCESS_PLUGIN_ID } from '../constants';
import type { AwsAccessApi, RequestOptions } from './AwsAccessApi';
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
  ListGrantsQuery,
  RevokeGrantRequest,
} from '../schemas';

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
  private readonly discoveryApi: AwsAccessDiscovery;
  private readonly fetchApi: AwsAccessFetch;

  constructor(options: {
    discoveryApi: AwsAccessDiscovery;
    fetchApi?: AwsAccessFetch;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: crossFetch };
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
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== undefined) {
          params.append(key, String(item));
        }
      }
    }
    const qs = params.toString();
    return this.request<ListResponse<Grant>>(
      'GET',
      `/grants${qs ? `?${qs}` : ''}`,
      options,
    );
  }

  getGrant(id: string, options?: RequestOptions) {
    return this.request<GrantWithEvents>('GET', this.grantPath(id), options);
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
    return this.request<AccessBundle>('GET', this.bundlePath(id), options);
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
    const params = new URLSearchParams();
    for (const state of query.state ?? []) params.append('state', state);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    const search = params.toString();
    return this.request<ListResponse<BreakGlassReviewItem>>(
      'GET',
      `/break-glass/reviews${search ? `?${search}` : ''}`,
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
    const params = new URLSearchParams({
      from: query.from,
      to: query.to,
      format: query.format,
    });
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    const baseUrl = await this.discoveryApi.getBaseUrl(AWS_ACCESS_PLUGIN_ID);
    const response = await this.fetchApi.fetch(
      `${baseUrl}/export/grants?${params}`,
      options?.token
        ? { headers: { Authorization: `Bearer ${options.token}` } }
        : {},
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const text = await response.text();
    const nextCursor =
      query.format === 'csv'
        ? response.headers.get('x-next-cursor') ?? undefined
        : (JSON.parse(text) as { nextCursor?: string }).nextCursor;
    return { text, ...(nextCursor && { nextCursor }) };
  }

  private grantPath(id: string) {
    return `/grants/${encodeURIComponent(id)}`;
  }

  private bundlePath(id: string) {
    return `/bundles/${encodeURIComponent(id)}`;
  }

  private bundleAction(
    id: string,
    verb: string,
    body: object,
    options?: RequestOptions,
  ) {
    return this.request<AccessBundle>(
      'POST',
      `${this.bundlePath(id)}/${verb}`,
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
      `${this.grantPath(id)}/${verb}`,
      options,
      body,
    );
  }

  private async request<T>(
    method: string,
    path: string,
    options?: RequestOptions,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(AWS_ACCESS_PLUGIN_ID);
    const headers: Record<string, string> = {};
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (options?.token) {
      headers.Authorization = `Bearer ${options.token}`;
    }
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
