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
import { ApiGrant, waitForGrant } from './apiGrants';
import { ACCOUNT_ID, BenchBackend, benchUser } from './backend';
import { AwsCall } from './countingProxy';
import { WriteCounts, writesPerRole } from './iamWrites';
import { mapConcurrent } from './stats';

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
