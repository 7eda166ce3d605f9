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

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ApiGrant, sleep } from './apiGrants';
import { BenchBackend } from './backend';
import { AwsCall } from './countingProxy';
import { WriteCounts, writesPerRole } from './iamWrites';
import { mapConcurrent } from './stats';

export interface ExpiryResult {
  count: number;
  /** Latest minus earliest `expiresAt` among the grants. */
  expirySpreadMs: number;
  states: Record<string, number>;
  /** `expiring` event (revocation started) minus `expiresAt`. */
  startLagMs: number[];
  /** `policy-deleted` event (the role's rights removed) minus `expiresAt`. */
  policyLagMs: number[];
  /** `endedAt` (role deleted, state `expired`) minus `expiresAt`. */
  endLagMs: number[];
  writes: WriteCounts;
  /** Event-loop delay of the backend process while the grants expired. */
  loopDelayMs: { p99: number; max: number };
  /** CPU time this process used while the grants expired, in milliseconds. */
  cpuMs: number;
  /** Store queries waiting for a database connection, sampled every 10 ms. */
  poolWaiting: { mean: number; max: number };
  windowMs: number;
}

/**
 * Waits for `grants` to expire on their own (timers and sweep of the
 * plugin), then reads when each one's revocation started and ended.
 */
export async function measureExpiry(
  backend: BenchBackend,
  calls: readonly AwsCall[],
  grants: ApiGrant[],
  onWait: (seconds: number) => void,
): Promise<ExpiryResult> {
  const expiries = grants.map(g => Date.parse(g.expiresAt!));
  const first = Math.min(...expiries);
  const last = Math.max(...expiries);
  const windowStart = performance.now();
  onWait(Math.max(0, Math.round((last - Date.now()) / 1000)));

  await sleep(Math.max(0, first - Date.now() - 1000));
  // Where the time goes if expiry is slow: a blocked event loop, a busy
  // CPU, or waiting on moto (the proxy's answer times).
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpuBefore = process.cpuUsage();
  const loopStart = performance.now();
  const pool = (backend.knex.client as any).pool;
  const waiting: number[] = [];
  const sampler = setInterval(
    () => waiting.push(pool.numPendingAcquires()),
    10,
  );
  const deadline = last + 60_000;
  const ids = new Set(grants.map(g => g.id));
  for (;;) {
    const { body } = await backend.call(
      'GET',
      '/grants?state=active&state=revoking&limit=500',
    );
    const open = (body.items as ApiGrant[]).filter(g => ids.has(g.id));
    if (open.length === 0 && Date.now() > last) break;
    if (Date.now() > deadline) break;
    await sleep(250);
  }
  const windowEnd = performance.now();
  loop.disable();
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);

  const ended = await mapConcurrent(grants, 10, async grant => {
    const { body } = await backend.call('GET', `/grants/${grant.id}`);
    return body as ApiGrant;
  });
  const states: Record<string, number> = {};
  const startLagMs: number[] = [];
  const policyLagMs: number[] = [];
  const endLagMs: number[] = [];
  for (const grant of ended) {
    states[grant.state] = (states[grant.state] ?? 0) + 1;
    const expiresAt = Date.parse(grant.expiresAt!);
    const expiring = grant.events?.find(e => e.type === 'expiring');
    if (expiring) startLagMs.push(Date.parse(expiring.createdAt) - expiresAt);
    const policyDeleted = grant.events?.find(e => e.type === 'policy-deleted');
    if (policyDeleted) {
      policyLagMs.push(Date.parse(policyDeleted.createdAt) - expiresAt);
    }
    if (grant.state === 'expired' && grant.endedAt) {
      endLagMs.push(Date.parse(grant.endedAt) - expiresAt);
    }
  }
  return {
    count: grants.length,
    expirySpreadMs: last - first,
    states,
    startLagMs,
    policyLagMs,
    endLagMs,
    writes: writesPerRole(
      calls,
      new Set(grants.map(g => g.roleName!)),
      windowStart,
      windowEnd,
    ),
    loopDelayMs: {
      p99: loop.percentile(99) / 1e6,
      max: loop.max / 1e6,
    },
    cpuMs: (cpu.user + cpu.system) / 1000,
    poolWaiting: {
      mean: waiting.reduce((a, b) => a + b, 0) / Math.max(1, waiting.length),
      max: Math.max(0, ...waiting),
    },
    windowMs: windowEnd - loopStart,
  };
}
