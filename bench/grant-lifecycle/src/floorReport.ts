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

import { FloorResult } from './floor';
import { ProvisioningResult } from './lifecycle';
import { log } from './output';
import { QueryCounts } from './queryCounter';
import { formatMs, percentile, summarize } from './stats';

const TARGET_RATIO = 1.3;
const TARGET_CPU_MS_PER_GRANT = 5;

/**
 * Section 1b: the burst against the raw IAM floor measured just before and
 * after it on the same host, so a slow machine slows both alike.
 */
export function reportAgainstFloor(input: {
  count: number;
  provision: ProvisioningResult;
  floorBefore: FloorResult;
  floorAfter: FloorResult;
  queryCounts: QueryCounts;
  loadAtBurst: string;
  profiling: boolean;
}) {
  const { count, provision, floorBefore, floorAfter, queryCounts } = input;
  const { loadAtBurst, profiling } = input;
  log(`## 1b. Speed to the floor (same run, load ${loadAtBurst} at the burst)`);
  const floorP = (p: number) =>
    (percentile(floorBefore.pairMs, p) + percentile(floorAfter.pairMs, p)) / 2;
  log(
    `  raw IAM floor before: ${summarize(
      floorBefore.pairMs,
      [50, 99],
    )} (${count} CreateRole + PutRolePolicy pairs at once, same SDK, same proxy, same moto; ${formatMs(
      floorBefore.cpuMs,
    )} CPU)`,
  );
  log(
    `  raw IAM floor after:  ${summarize(
      floorAfter.pairMs,
      [50, 99],
    )} (${formatMs(floorAfter.cpuMs)} CPU)`,
  );
  for (const p of [50, 99]) {
    const ours = percentile(provision.usableMs, p);
    const ratio = ours / floorP(p);
    log(
      `  ours/floor p${p}: ${formatMs(ours)} / ${formatMs(
        floorP(p),
      )} (mean of before and after) = ${ratio.toFixed(2)}x${
        p === 99
          ? ` — target <= ${TARGET_RATIO}x: ${
              ratio <= TARGET_RATIO ? 'met' : 'MISSED'
            }`
          : ''
      }`,
    );
  }
  const cpuPerGrant = provision.cpuMs / count;
  const floorCpuPerPair = (floorBefore.cpuMs + floorAfter.cpuMs) / 2 / count;
  log(
    `  CPU per grant (process.cpuUsage around the burst; backend and bench client share the process): ${cpuPerGrant.toFixed(
      1,
    )} ms${
      profiling ? ' (profiler running)' : ''
    } — target <= ${TARGET_CPU_MS_PER_GRANT} ms: ${
      cpuPerGrant <= TARGET_CPU_MS_PER_GRANT ? 'met' : 'MISSED'
    }; the floor's SDK alone: ${floorCpuPerPair.toFixed(
      1,
    )} ms per pair; ours minus floor: ${(cpuPerGrant - floorCpuPerPair).toFixed(
      1,
    )} ms`,
  );
  log(
    `  database queries per grant (knex 'query' events on the plugin's client): ${(
      queryCounts.total / count
    ).toFixed(2)} (${queryCounts.total} in all, ${formatMs(
      queryCounts.totalMs / Math.max(1, queryCounts.total),
    )} mean from send to answer)`,
  );
  log(
    `    by kind: ${Object.entries(queryCounts.byKind)
      .sort((a, b) => b[1] - a[1])
      .map(([kind, n]) => `${kind} ${(n / count).toFixed(2)}`)
      .join(', ')}`,
  );
}
