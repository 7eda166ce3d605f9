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

import { createHash } from 'node:crypto';

/**
 * The console's switch-role page takes the role's path and name together,
 * and only up to 64 characters of them; IAM itself allows 64 for the name
 * alone. Grant role names are kept within the console's limit.
 */
export const MAX_SWITCH_ROLE_CHARS = 64;
const NOT_ALLOWED = /[^\w+=,.@-]+/g;
/** Hex characters of the grant id in the name: 48 bits, unique in practice per account. */
const ID_FRAGMENT_LENGTH = 12;

/**
 * Name of the one inline policy on every grant role. Fixed, so that the
 * reconciler can tell the engine's policy from one added by hand.
 */
export const GRANT_POLICY_NAME = 'backstage-access-grant';

function clean(text: string): string {
  return text
    .replace(NOT_ALLOWED, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

/**
 * 12 hex characters of the grant id: its first ones for a UUID, so the
 * name can be matched to the grant by eye, else of its hash.
 */
function idFragment(grantId: string): string {
  const hex = grantId.replace(/-/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex)
    ? hex.slice(0, ID_FRAGMENT_LENGTH)
    : createHash('sha256')
        .update(grantId)
        .digest('hex')
        .slice(0, ID_FRAGMENT_LENGTH);
}

/**
 * The IAM role name of a grant, e.g. `sandbox-payments-invoices-0f8fad5bd9cb`:
 * readable in the console (a resource hint), unique in practice (12 hex
 * characters of the grant id; a clash with a live role is refused when the
 * role is created, never adopted), and short enough that the role's path
 * plus its name fit the console's switch-role limit.
 *
 * `resourceHint` is the name of the catalogued resource, never text from the
 * request: what a role is called must not be the requester's choice.
 */
export function grantRoleName(
  grantId: string,
  resourceHint: string | undefined,
  rolePath: string,
): string {
  const id = idFragment(grantId);
  const room = MAX_SWITCH_ROLE_CHARS - rolePath.length - id.length - 1;
  const fallback = 'grant'.length <= room ? 'grant' : '';
  const hint =
    clean(clean(resourceHint ?? '').slice(0, Math.max(room, 0))) || fallback;
  // A role path too long to leave room for a hint still gets a valid name.
  return hint ? `${hint}-${id}` : id;
}
