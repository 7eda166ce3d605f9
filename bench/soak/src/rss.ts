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

import { Violation } from '../../chaos/src/violations';
import { slope } from '../../chaos/src/measure';
import { Replica } from '../../chaos/src/replica';

export interface Sample {
  at: number;
  /** MiB per replica; undefined while one is down. */
  rss: Array<number | undefined>;
  dbBytes: number;
  live: number;
}

/**
 * RSS over time per replica (at most 16 rows),
 * with the growth and slope after warm-up. Growth is the mean of the last
 * samples over the lowest one after warm-up: V8 gives memory back in steps
 * (a drop of 200-300 MiB a minute or two after start), so measuring from
 * the first sample after warm-up would hide a leak behind that drop.
 */
export function reportRss(
  samples: Sample[],
  begin: number,
  replicas: Replica[],
  options: {
    sampleMs: number;
    warmupMs: number;
    maxGrowthMiB: number;
    /** Only for runs long enough that a slope means something. */
    maxSlopeMiBPerMin?: number;
  },
): Violation[] {
  const out: Violation[] = [];
  const every = Math.max(1, Math.ceil(samples.length / 16));
  console.log(
    `RSS over time (MiB; sampled every ${
      options.sampleMs / 1000
    } s, one row in ${every}):`,
  );
  console.log(
    `  minute  ${replicas
      .map(r => r.options.name.padStart(6))
      .join('')}  active grants`,
  );
  samples.forEach((s, i) => {
    if (i % every && i !== samples.length - 1) return;
    console.log(
      `  ${((s.at - begin) / 60_000).toFixed(1).padStart(6)}  ${s.rss
        .map(r => (r === undefined ? '-' : r.toFixed(0)).padStart(6))
        .join('')}  ${s.live}`,
    );
  });
  const steady = samples.filter(s => s.at - begin >= options.warmupMs);
  replicas.forEach((r, k) => {
    const points = steady
      .filter(s => s.rss[k] !== undefined)
      .map(s => [(s.at - begin) / 60_000, s.rss[k]!] as [number, number]);
    if (points.length < 2) {
      out.push({
        check: 'RSS',
        detail: `${r.options.name}: too few samples after warm-up`,
      });
      return;
    }
    const avg = (p: Array<[number, number]>) =>
      p.reduce((x, [, y]) => x + y, 0) / p.length;
    const n = Math.max(1, Math.min(3, Math.floor(points.length / 3)));
    const lowest = Math.min(...points.map(([, y]) => y));
    const growth = avg(points.slice(-n)) - lowest;
    const perMinute = slope(points);
    console.log(
      `RSS ${r.options.name} after the ${(options.warmupMs / 60_000).toFixed(
        1,
      )}-minute warm-up: ${points[0][1].toFixed(0)} -> ${points[
        points.length - 1
      ][1].toFixed(0)} MiB, growth ${growth.toFixed(
        1,
      )} MiB (mean of the last ${n} samples over the lowest, ${lowest.toFixed(
        0,
      )}), slope ${perMinute.toFixed(2)} MiB/min`,
    );
    if (growth > options.maxGrowthMiB)
      out.push({
        check: 'RSS',
        detail: `${r.options.name} grew ${growth.toFixed(1)} MiB`,
      });
    if (
      options.maxSlopeMiBPerMin !== undefined &&
      perMinute > options.maxSlopeMiBPerMin
    )
      out.push({
        check: 'RSS',
        detail: `${r.options.name} slope ${perMinute.toFixed(2)} MiB/min`,
      });
  });
  return out;
}
