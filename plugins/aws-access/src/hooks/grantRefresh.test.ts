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

import { makeGrant } from '../__testUtils__';
import {
  GRANT_POLL_INTERVAL_MS,
  nextGrantRefreshMs,
  PENDING_POLL_INTERVAL_MS,
} from './grantRefresh';

describe('nextGrantRefreshMs', () => {
  const now = Date.now();

  it('polls while a grant is in motion', () => {
    expect(
      nextGrantRefreshMs([makeGrant({ state: 'provisioning' })], now),
    ).toBe(GRANT_POLL_INTERVAL_MS);
    expect(nextGrantRefreshMs([makeGrant({ state: 'revoking' })], now)).toBe(
      GRANT_POLL_INTERVAL_MS,
    );
  });

  it('asks less often while requests only wait for approval', () => {
    const pending = makeGrant({ state: 'pending' });
    expect(nextGrantRefreshMs([pending], now)).toBe(PENDING_POLL_INTERVAL_MS);
    expect(
      nextGrantRefreshMs([pending, makeGrant({ state: 'provisioning' })], now),
    ).toBe(GRANT_POLL_INTERVAL_MS);
  });

  it('polls an active grant past its expiry until the engine ends it', () => {
    const expired = makeGrant({
      expiresAt: new Date(now - 1000).toISOString(),
    });
    expect(nextGrantRefreshMs([expired], now)).toBe(GRANT_POLL_INTERVAL_MS);
  });

  it('waits for the earliest expiry of settled grants', () => {
    const grant = makeGrant({
      expiresAt: new Date(now + 600_000).toISOString(),
    });
    expect(nextGrantRefreshMs([grant], now)).toBe(601_000);
  });

  it('stops for ended grants', () => {
    expect(nextGrantRefreshMs([makeGrant({ state: 'revoked' })], now)).toBe(
      undefined,
    );
  });
});
