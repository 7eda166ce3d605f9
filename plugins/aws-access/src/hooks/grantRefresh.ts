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

import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { isChanging } from '../lib/grantStates';

/** How often grants in motion are polled. */
export const GRANT_POLL_INTERVAL_MS = 3000;

/**
 * How often a page with only pending requests asks: a decision may take
 * hours, and signals (when installed) bring it at once anyway.
 */
export const PENDING_POLL_INTERVAL_MS = 10_000;

/**
 * When to ask again about these grants: soon while any is in motion; else
 * just after the earliest active one expires, to show it ended; else never
 * (signals, when installed, still bring news).
 */
export function nextGrantRefreshMs(
  grants: Grant[],
  now: number = Date.now(),
): number | undefined {
  const changing = grants.filter(grant => isChanging(grant, now));
  if (changing.some(grant => grant.state !== 'pending')) {
    return GRANT_POLL_INTERVAL_MS;
  }
  if (changing.length > 0) {
    return PENDING_POLL_INTERVAL_MS;
  }
  const expiries = grants
    .filter(grant => grant.state === 'active' && grant.expiresAt)
    .map(grant => Date.parse(grant.expiresAt!))
    .filter(Number.isFinite);
  if (expiries.length === 0) {
    return undefined;
  }
  // setTimeout takes at most a 32-bit delay (about 24.8 days).
  return Math.min(
    Math.max(Math.min(...expiries) - now + 1000, GRANT_POLL_INTERVAL_MS),
    2 ** 31 - 1,
  );
}
