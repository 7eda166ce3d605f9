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

import { GetRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ACCOUNT_ID, BenchBackend, benchUser } from './backend';
import { AwsCall, countByOperation, isWrite } from './countingProxy';
import { mapConcurrent } from './stats';

/** The grant fields the bench reads from the API. */
export interface ApiGrant {
  id: string;
  state: string;
  requester: string;
  roleName?: string;
  roleArn?: string;
  policyName?: string;
  expiresAt?: string;
  endedAt?: string;
  lastError?: string;
  events?: Array<{ type: string; createdAt: string }>;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Polls one grant until it reaches one of `states` (or fails), up to `timeoutMs`. */
async function waitForGrant(
  backend: BenchBackend,
  id: string,
  states: string[],
  timeoutMs: number,
): Promise<ApiGrant> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await backend.call('GET', `/grants/${id}`);
    if (states.includes(body.state) || body.state === 'failed') {
      return body;
    }
    if (Date.now() > deadline) {
      throw new Error(`grant ${id} still ${body.state} after ${timeoutMs} ms`);
    }
    await sleep(50);
  }
}

/** IAM writes per role among `calls`, for the given role names. */
function writesPerRole(
  calls: readonly AwsCall[],
  roleNames: Set<string>,
  from: number,
  to: number,
) {
  const inWindow = calls.filter(
    c =>
      c.at >= from &&
      c.at <= to &&
      isWrite(c) &&
      c.roleName &&
      roleNames.has(c.roleName),
  );
  const perRole = new Map<string, number>();
  for (const call of inWindow) {
    perRole.set(call.roleName!, (perRole.get(call.roleName!) ?? 0) + 1);
  }
  const others = calls.filter(
    c =>
      c.at >= from &&
      c.at <= to &&
      isWrite(c) &&
      !(c.roleName && roleNames.has(c.roleName)),
  );
  return {
    total: inWindow.length,
    perGrant: inWindow.length / roleNames.size,
    min: Math.min(...[...roleNames].map(r => perRole.get(r) ?? 0)),
    max: Math.max(...[...roleNames].map(r => perRole.get(r) ?? 0)),
    byOperation: countByOperation(inWindow),
    otherWrites: others.length,
    /** How long moto took to answer each of these calls. */
    callMs: inWindow.filter(c => c.doneAt).map(c => c.doneAt! - c.at),
  };
}

export type WriteCounts = ReturnType<typeof writesPerRole>;

function grantRequest(prefix: string, i: number, durationMinutes: number) {
  return {
    resourceArn: `arn:aws:s3:::${prefix}-${i}`,
    actions: ['s3:GetObject', 's3:ListBucket'],
    durationMinutes,
    reason: `grant-lifecycle bench ${i}`,
    accountId: ACCOUNT_ID,
  };
}

export interface ProvisioningResult {
  grants: ApiGrant[];
  /** Per grant: POST sent to the grant observed `active`. */
  usableMs: number[];
  /** Requests answered 201 with the grant already active. */
  activeInResponse: number;
  wallMs: number;
  writes: WriteCounts;
  /** Grants whose role and inline policy were read back from IAM. */
  verified: number;
  /** CPU time this (single-threaded) process used meanwhile, in milliseconds. */
  cpuMs: number;
}

/**
 * Sends `count` POST /grants at once, one per bucket, spread over `users`
 * requesters, and times each until its grant is `active`.
 */
export async function measureProvisioning(
  backend: BenchBackend,
  calls: readonly AwsCall[],
  options: {
    count: number;
    users: number;
    durationMinutes: number;
    prefix: string;
    motoEndpoint: string;
  },
): Promise<ProvisioningResult> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let activeInResponse = 0;
  const results = await Promise.all(
    Array.from({ length: options.count }, async (_, i) => {
      const sent = performance.now();
      const user = benchUser(i % options.users);
      const res = await backend.call('POST', '/grants', {
        user,
        body: grantRequest(options.prefix, i, options.durationMinutes),
      });
      if (res.status !== 201) {
        throw new Error(
          `POST /grants answered ${res.status}: ${JSON.stringify(res.body)}`,
        );
      }
      let grant: ApiGrant = res.body;
      if (grant.state === 'active') {
        activeInResponse += 1;
      } else {
        grant = await waitForGrant(backend, grant.id, ['active'], 120_000);
      }
      if (grant.state !== 'active') {
        throw new Error(
          `grant ${grant.id} ended ${grant.state}: ${grant.lastError}`,
        );
      }
      return { grant, usableMs: performance.now() - sent };
    }),
  );
  const ended = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  const grants = results.map(r => r.grant);

  // Read each role's inline policy back from moto directly (not through the
  // counting proxy): an active grant must have both.
  const iam = new IAMClient({
    region: 'us-east-1',
    endpoint: options.motoEndpoint,
  });
  let verified = 0;
  try {
    await mapConcurrent(grants, 10, async grant => {
      const { PolicyDocument } = await iam.send(
        new GetRolePolicyCommand({
          RoleName: grant.roleName,
          PolicyName: grant.policyName,
        }),
      );
      if (PolicyDocument) verified += 1;
    });
  } finally {
    iam.destroy();
  }

  return {
    grants,
    usableMs: results.map(r => r.usableMs),
    activeInResponse,
    wallMs: ended - started,
    writes: writesPerRole(
      calls,
      new Set(grants.map(g => g.roleName!)),
      started,
      ended,
    ),
    verified,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

export interface RevokeResult {
  count: number;
  revokeMs: number[];
  provisionWrites: WriteCounts;
  revokeWrites: WriteCounts;
}

/** Creates `count` grants, then revokes them all at once, counting IAM writes. */
export async function measureRevoke(
  backend: BenchBackend,
  calls: readonly AwsCall[],
  options: {
    count: number;
    users: number;
    prefix: string;
    motoEndpoint: string;
  },
): Promise<RevokeResult> {
  const created = await measureProvisioning(backend, calls, {
    ...options,
    durationMinutes: 60,
  });
  const started = performance.now();
  const revokeMs = await Promise.all(
    created.grants.map(async grant => {
      const sent = performance.now();
      const res = await backend.call('POST', `/grants/${grant.id}/revoke`, {
        user: grant.requester,
        body: { reason: 'bench' },
      });
      if (res.status !== 200) {
        throw new Error(
          `revoke answered ${res.status}: ${JSON.stringify(res.body)}`,
        );
      }
      if (res.body.state !== 'revoked') {
        const done = await waitForGrant(backend, grant.id, ['revoked'], 60_000);
        if (done.state !== 'revoked') {
          throw new Error(`grant ${grant.id} ended ${done.state}`);
        }
      }
      return performance.now() - sent;
    }),
  );
  const ended = performance.now();
  return {
    count: created.grants.length,
    revokeMs,
    provisionWrites: created.writes,
    revokeWrites: writesPerRole(
      calls,
      new Set(created.grants.map(g => g.roleName!)),
      started,
      ended,
    ),
  };
}

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
