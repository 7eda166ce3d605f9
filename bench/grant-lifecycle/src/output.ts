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

import { WriteCounts } from './iamWrites';
import { formatMs, summarize } from './stats';

export const log = (line = '') => console.log(line);

export function target(value: number, limit: number): string {
  return value <= limit
    ? `target < ${formatMs(limit)}: met`
    : `target < ${formatMs(limit)}: MISSED by ${formatMs(value - limit)}`;
}

export function describeWrites(
  label: string,
  writes: WriteCounts,
  goal: number,
) {
  const ops = Object.entries(writes.byOperation)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  const spread =
    writes.min === writes.max
      ? `every one ${writes.min}`
      : `min ${writes.min}, max ${writes.max}`;
  log(
    `  ${label}: ${writes.perGrant.toFixed(
      2,
    )} (${spread}; ${ops}) — target ${goal}: ${
      writes.min === goal && writes.max === goal ? 'met' : 'MISSED'
    }`,
  );
  log(
    `    moto's answer time per write: ${summarize(writes.callMs, [50, 99])}`,
  );
  if (writes.otherWrites) {
    log(`    plus ${writes.otherWrites} IAM writes on other roles meanwhile`);
  }
}
