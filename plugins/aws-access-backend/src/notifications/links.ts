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

/**
 * Where notifications point. Relative to the app, so they work behind any
 * base URL; the notifications frontend resolves them.
 */
const GRANTS_PAGE = '/aws-access';

/** The approvals inbox, opened on one request. */
export function approvalLink(grantId: string): string {
  return `${GRANTS_PAGE}/approvals?grant=${encodeURIComponent(grantId)}`;
}

/**
 * The requester's view of one of their grants, on the grants tab. Named
 * outright: the new frontend system redirects `/aws-access` to its first tab
 * without the query, which would lose `?grant=`.
 */
export function grantLink(grantId: string): string {
  return `${GRANTS_PAGE}/grants?grant=${encodeURIComponent(grantId)}`;
}
