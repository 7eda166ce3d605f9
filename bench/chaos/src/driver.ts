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

/*
 * The chaos run's users: requesters asking for one-minute grants (80 % read,
 * auto-approved; 20 % with a write action, waiting for alice), alice
 * approving 1-4 s later, and requesters revoking, extending or assuming
 * some of their active grants. A request whose answer is lost to a kill is
 * sent again to the other replica (the driver API does that).
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { Who } from './api';
import { Replica } from './replica';
import { sleep } from './measure';
import { bucketName, Stack } from './stack';

const READ_SETS = [
  ['s3:GetObject'],
  ['s3:ListBucket'],
  ['s3:GetObject', 's3:ListBucket'],
  ['s3:GetObjectTagging', 's3:GetObject'],
];
const WRITE_SETS = [['s3:PutObject'], ['s3:PutObject', 's3:GetObject']];

export class ChaosDriver {
  readonly stats = {
    posted: 0,
    created: 0,
    duplicates: 0,
    refused: {} as Record<string, number>,
    approvals: 0,
    /** Approve answers other than 200, by status, each tried again. */
    approveRetried: {} as Record<string, number>,
    revokes: 0,
    extends: 0,
    extendRefused: 0,
    assumeProbes: [] as Array<{ attempts: number; ms: number; ok: boolean }>,
  };
  readonly grantIds = new Set<string>();
  readonly driverRevoked = new Set<string>();
  /** The follow-ups still running; the run waits for them before its checks. */
  readonly background: Promise<unknown>[] = [];
  /** Called with the replica an approve request went to (the approval kills fire on it). */
  onApproveSent?: (replica: Replica) => void;

  constructor(
    private readonly stack: Stack,
    private readonly options: {
      seed: number;
      buckets: number;
      random: () => number;
    },
  ) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.options.random() * items.length)];
  }

  /** The reason grant `i` is asked with: how the run finds it in the database. */
  reasonOf(i: number): string {
    return `chaos ${this.options.seed} #${i}`;
  }

  async requestGrant(
    i: number,
    options: { durationMinutes: number; write?: boolean; keeper?: boolean },
  ) {
    const random = this.options.random;
    const who: Who = i % 3 === 2 ? 'bob' : 'guest';
    const write = options.write ?? random() < 0.2;
    const body = {
      resourceArn: `arn:aws:s3:::${bucketName(i % this.options.buckets)}`,
      actions: write ? this.pick(WRITE_SETS) : this.pick(READ_SETS),
      durationMinutes: options.durationMinutes,
      reason: this.reasonOf(i),
    };
    this.stats.posted += 1;
    const res = await this.stack.api.send(who, 'POST', '/grants', body);
    if (res.status === 201) {
      this.stats.created += 1;
      this.grantIds.add(res.body.id);
      if (!options.keeper) {
        this.background.push(
          res.body.state === 'pending'
            ? this.approveLater(res.body.id)
            : this.followUp(who, res.body.id),
        );
      }
      return res.body;
    }
    if (res.status === 409) {
      // The same live grant exists (a retry after a lost answer, or a repeat).
      this.stats.duplicates += 1;
      return undefined;
    }
    const key = `${res.status}${res.lost ? ' (lost)' : ''}: ${String(
      res.body?.error?.message ?? res.body,
    ).slice(0, 80)}`;
    this.stats.refused[key] = (this.stats.refused[key] ?? 0) + 1;
    return undefined;
  }

  private async approveLater(id: string) {
    const api = this.stack.api;
    await sleep(1000 + this.options.random() * 3000);
    // As an approver would, for two minutes: long enough to outlast a
    // replica's restart or PostgreSQL's (the grant stays pending otherwise).
    const until = Date.now() + 120_000;
    while (Date.now() < until) {
      const res = await api.send(
        'alice',
        'POST',
        `/grants/${id}/approve`,
        { comment: 'chaos' },
        this.onApproveSent,
      );
      if (res.status === 200) {
        this.stats.approvals += 1;
        const who: Who = res.body.requester?.endsWith('/bob') ? 'bob' : 'guest';
        await this.followUp(who, id);
        return;
      }
      const key = String(res.status);
      this.stats.approveRetried[key] =
        (this.stats.approveRetried[key] ?? 0) + 1;
      if (res.status === 409 || res.status === 400) {
        // Approved meanwhile (the lost answer went through), or decided.
        const now = await api.send('alice', 'GET', `/grants/${id}`);
        if (now.body?.state !== 'pending') return;
      }
      await sleep(2000);
    }
  }

  /** Revoke some, extend some, probe AssumeRole on some, once active. */
  private async followUp(who: Who, id: string) {
    const api = this.stack.api;
    const random = this.options.random;
    const roll = random();
    if (roll < 0.15) {
      await sleep(2000 + random() * 30_000);
      this.driverRevoked.add(id);
      const res = await api.send(who, 'POST', `/grants/${id}/revoke`, {
        reason: 'chaos',
      });
      if (res.status === 200) this.stats.revokes += 1;
    } else if (roll < 0.25) {
      await sleep(5000 + random() * 30_000);
      const res = await api.send(who, 'POST', `/grants/${id}/extend`, {
        durationMinutes: 1,
        reason: 'chaos',
      });
      if (res.status === 200) this.stats.extends += 1;
      else this.stats.extendRefused += 1;
    } else if (roll < 0.35) {
      await this.probeAssumeRole(who, id);
    }
  }

  /**
   * Assumes the grant's role through the proxy as a person would, retrying
   * with backoff: with `--faults` the proxy answers AccessDenied for 5 s after
   * CreateRole, as IAM's eventual consistency does on AWS.
   */
  private async probeAssumeRole(who: Who, id: string) {
    const grant = await this.stack.api.send(who, 'GET', `/grants/${id}`);
    if (grant.body?.state !== 'active' || !grant.body.roleArn) return;
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: this.stack.proxy.endpoint,
      credentials: { accessKeyId: 'CHAOSDRIVER', secretAccessKey: 'chaos' },
      maxAttempts: 1,
    });
    const begin = Date.now();
    let attempts = 0;
    const probes = this.stats.assumeProbes;
    try {
      for (
        let delay = 250;
        Date.now() - begin < 15_000;
        delay = Math.min(delay * 2, 4000)
      ) {
        attempts += 1;
        try {
          await sts.send(
            new AssumeRoleCommand({
              RoleArn: grant.body.roleArn,
              RoleSessionName: who,
            }),
          );
          probes.push({ attempts, ms: Date.now() - begin, ok: true });
          return;
        } catch {
          await sleep(delay * (0.5 + this.options.random()));
        }
      }
      probes.push({ attempts, ms: Date.now() - begin, ok: false });
    } finally {
      sts.destroy();
    }
  }
}
