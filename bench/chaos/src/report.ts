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
 * The chaos run's result: what the driver did, the kills, expiry lag, AWS
 * calls and faults, what the checks saw, then each check `ok` or `FAIL`.
 */
import { printChecks, Violation } from './violations';
import { ChaosDriver } from './driver';
import { Killer } from './killer';
import { describeMachine } from '../../shared/machine';
import { ms, percentile } from './measure';
import { PgRestart } from './pgRestart';
import { Stack } from './stack';

const count = <T>(items: T[], key: (item: T) => string) =>
  items.reduce((acc, item) => {
    acc[key(item)] = (acc[key(item)] ?? 0) + 1;
    return acc;
  }, {} as Record<string, number>);

export async function printReport(options: {
  stack: Stack;
  driver: ChaosDriver;
  killer: Killer;
  seen: string[];
  keepers: number;
  pgRestart?: PgRestart;
  violations: Violation[];
  checks: string[];
}) {
  const { stack, driver, killer, seen, keepers, pgRestart } = options;
  const { db, proxy, api } = stack;
  const stats = driver.stats;
  const states = await db('grants')
    .select('state')
    .count('* as n')
    .groupBy('state');
  const failed = await db('grants')
    .where('state', 'failed')
    .select('last_error');
  const lags = (
    await db('grants')
      .where('state', 'expired')
      .select(
        db.raw('EXTRACT(EPOCH FROM (ended_at - expires_at)) * 1000 AS lag'),
      )
  ).map((l: any) => Number(l.lag));
  const replicaCalls = proxy.calls.filter(c => c.accessKeyId !== 'CHAOSDRIVER');
  const byOp = count(replicaCalls, c => `${c.service}:${c.operation}`);
  const faults = count(
    replicaCalls.filter(c => c.fault),
    c => c.fault!,
  );
  const iamMs = replicaCalls
    .filter(c => c.service === 'iam' && c.doneAt)
    .map(c => c.doneAt! - c.at);
  const kills = killer.kills;
  const lines = [
    '',
    '## Result',
    describeMachine(),
    `grants: ${
      stats.created
    } created (${keepers} of them 15-minute keepers, live during the first checks) by ${
      stats.posted
    } POST /grants; ${
      stats.duplicates
    } refused as duplicates of a live grant (409: a retry after a lost answer, or the same bucket and actions again); other answers ${JSON.stringify(
      stats.refused,
    )}`,
    `final states: ${states.map((s: any) => `${s.state} ${s.n}`).join(', ')}`,
    ...(failed.length
      ? [
          `failed, by cause: ${JSON.stringify(
            count(failed, f => String(f.last_error).slice(0, 100)),
          )}`,
        ]
      : []),
    `driver: ${
      stats.approvals
    } approvals (other answers, tried again: ${JSON.stringify(
      stats.approveRetried,
    )}), ${stats.revokes} revokes, ${stats.extends} extends (${
      stats.extendRefused
    } refused), ${
      api.lostAnswers
    } answers lost to kills/restarts (retried), server errors (retried) ${JSON.stringify(
      count(api.serverErrors, e => String(e.status)),
    )}`,
    `kills: ${kills.length} — ${Object.entries(count(kills, k => k.phase))
      .map(([p, n]) => `${p} ${n}`)
      .join(', ')}; restart p50 ${ms(
      percentile(
        kills.map(k => k.restartMs ?? NaN).filter(x => !Number.isNaN(x)),
        50,
      ),
    )}`,
    ...kills.map(
      k =>
        `  ${new Date(k.at).toISOString()} ${k.replica} during ${k.phase}: ${
          k.trigger
        }`,
    ),
    ...(pgRestart
      ? [
          pgRestart.error
            ? `PostgreSQL: ${pgRestart.error}`
            : `PostgreSQL restarted at ${new Date(
                pgRestart.at,
              ).toISOString()} (pg_ctlcluster took ${ms(
                pgRestart.restartMs,
              )}); answering again after: ${Object.keys(pgRestart.restarted)
                .map(r => {
                  const t = pgRestart.recoveredMs[r];
                  if (pgRestart.restarted[r])
                    return `${r} not counted (down or restarted by a kill)`;
                  return `${r} ${t === undefined ? 'never' : ms(t)}`;
                })
                .join(', ')}`,
        ]
      : []),
    `expiry lag (ended_at - expires_at, ${lags.length} expired): p50 ${ms(
      percentile(lags, 50),
    )}, p90 ${ms(percentile(lags, 90))}, p99 ${ms(
      percentile(lags, 99),
    )}, max ${ms(Math.max(...lags))}; over 10 s: ${
      lags.filter(l => l > 10_000).length
    }`,
    `AWS calls through the proxy: ${Object.entries(byOp)
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    `faults injected: ${
      Object.keys(faults).length ? JSON.stringify(faults) : 'none'
    }; IAM answer time at the proxy p50 ${ms(percentile(iamMs, 50))}, p99 ${ms(
      percentile(iamMs, 99),
    )}`,
  ];
  const probes = stats.assumeProbes;
  if (probes.length) {
    const usable = probes.filter(p => p.ok).map(p => p.ms);
    lines.push(
      `AssumeRole probes after active: ${probes.length}, usable ${
        usable.length
      }; attempts p50 ${percentile(
        probes.map(p => p.attempts),
        50,
      )}, max ${Math.max(
        ...probes.map(p => p.attempts),
      )}; time to usable p50 ${ms(percentile(usable, 50))}, p99 ${ms(
        percentile(usable, 99),
      )}`,
    );
  }
  lines.push(...seen, '');
  console.log(lines.join('\n'));
  printChecks(options.violations, options.checks);
}
