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
import { AWS_ACCESS_PLUGIN_ID } from '../constants';
import type { RequestOptions } from './AwsAccessApi';
import type { AwsAccessDiscovery, AwsAccessFetch } from './AwsAccessClient';

/**
 * How the client reaches the backend: one place that resolves the base URL,
 * attaches the caller's token and turns a non-2xx answer into a
 * ResponseError, so every method fails the same way.
 */
export class AwsAccessTransport {
  constructor(
    private readonly discoveryApi: AwsAccessDiscovery,
    private readonly fetchApi: AwsAccessFetch,
  ) {}

  async json<T>(
    method: string,
    path: string,
    options?: RequestOptions,
    body?: unknown,
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (options?.token) {
      headers.Authorization = `Bearer ${options.token}`;
    }
    const response = await this.fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as T;
  }

  /** A GET whose body is not JSON to the client (the export's CSV). */
  async raw(path: string, options?: RequestOptions) {
    return this.fetch(
      path,
      options?.token
        ? { headers: { Authorization: `Bearer ${options.token}` } }
        : {},
    );
  }

  private async fetch(
    path: string,
    init: Parameters<AwsAccessFetch['fetch']>[1],
  ) {
    const baseUrl = await this.discoveryApi.getBaseUrl(AWS_ACCESS_PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
