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

import { ExpiryResult } from './expiry';
import { describeWrites, log, target } from './output';
import { formatMs, percentile, summarize } from './stats';

/** Section 3: how long after `expiresAt` each step of expiry happened. */
export function reportExpiry(expiry: ExpiryResult, notificationsSent: number) {
  log(
    `  expiresAt spread: ${formatMs(
      expiry.expirySpreadMs,
    )}; final states: ${JSON.stringify(expiry.states)}`,
  );
  log(
    `  revocation started after expiresAt: ${summarize(
      expiry.startLagMs,
      [50, 99],
    )}`,
  );
  log(
    `  inline policy deleted (rights gone) after expiresAt: ${summarize(
      expiry.policyLagMs,
      [50, 99],
    )}`,
  );
  log(
    `  state expired (role deleted) after expiresAt: ${summarize(
      expiry.endLagMs,
      [50, 99],
    )} — p99 ${target(percentile(expiry.endLagMs, 99), 2000)}`,
  );
  describeWrites('IAM writes per expiry', expiry.writes, 2);
  log(
    `  backend process from 1 s before the first expiry until all ended: ${formatMs(
      expiry.windowMs,
    )} wall, ${formatMs(expiry.cpuMs)} CPU, event-loop delay p99 ${formatMs(
      expiry.loopDelayMs.p99,
    )}, max ${formatMs(
      expiry.loopDelayMs.max,
    )}; store queries waiting for the (single) SQLite connection: mean ${expiry.poolWaiting.mean.toFixed(
      1,
    )}, max ${expiry.poolWaiting.max}`,
  );
  log(
    `  notifications the plugin sent during 1-3 (recorded, not delivered): ${notificationsSent}`,
  );
}
