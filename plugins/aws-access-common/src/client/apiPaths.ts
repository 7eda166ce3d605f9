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

import type { BreakGlassReviewState } from '../types';
import type { ListGrantsQuery } from '../querySchemas';

/** One grant, under which its actions (`/revoke`, `/extend`, ...) live. */
export function grantPath(id: string) {
  return `/grants/${encodeURIComponent(id)}`;
}

/** One bundle, under which its actions live. */
export function bundlePath(id: string) {
  return `/bundles/${encodeURIComponent(id)}`;
}

/** `?a=1&b=2`, or nothing when there are no parameters. */
function withQuery(path: string, params: URLSearchParams) {
  const qs = params.toString();
  return `${path}${qs ? `?${qs}` : ''}`;
}

/** `GET /grants`: one parameter per value, so arrays filter by any of them. */
export function grantsPath(query: ListGrantsQuery) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined) {
        params.append(key, String(item));
      }
    }
  }
  return withQuery('/grants', params);
}

/** `GET /break-glass/reviews`. */
export function breakGlassReviewsPath(query: {
  state?: BreakGlassReviewState[];
  limit?: number;
  cursor?: string;
}) {
  const params = new URLSearchParams();
  for (const state of query.state ?? []) params.append('state', state);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  return withQuery('/break-glass/reviews', params);
}

/** `GET /export/grants`: the period and format are always sent. */
export function exportGrantsPath(query: {
  from: string;
  to: string;
  format: 'csv' | 'json';
  limit?: number;
  cursor?: string;
}) {
  const params = new URLSearchParams({
    from: query.from,
    to: query.to,
    format: query.format,
  });
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  return `/export/grants?${params}`;
}
