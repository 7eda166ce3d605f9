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

import { ProfileSummary } from './cpuProfile';
import { log } from './output';
import { formatMs } from './stats';

/** Where the burst's CPU time went: by package, inclusive, by function. */
export function reportProfile(profile: ProfileSummary) {
  log(
    `  CPU profile of the burst: ${profile.file} (${formatMs(
      profile.totalMs,
    )} of samples, idle excluded)`,
  );
  log('    self time by package:');
  for (const [pkg, ms] of profile.byPackage.slice(0, 14)) {
    log(
      `      ${pkg.padEnd(40)} ${formatMs(ms).padStart(9)} ${(
        (100 * ms) /
        profile.totalMs
      ).toFixed(1)}%`,
    );
  }
  log(
    `    (the profiler's own inspector calls, ${formatMs(
      profile.profilerMs,
    )}, are left out)`,
  );
  log('    time with the package on the stack (callees included):');
  for (const [pkg, ms] of profile.inclusiveByPackage
    .filter(([name]) => !name.startsWith('('))
    .slice(0, 14)) {
    log(
      `      ${pkg.padEnd(40)} ${formatMs(ms).padStart(9)} ${(
        (100 * ms) /
        profile.totalMs
      ).toFixed(1)}%`,
    );
  }
  log('    heaviest functions (self time):');
  for (const [fn, ms] of profile.byFunction.slice(0, 16)) {
    log(`      ${formatMs(ms).padStart(9)}  ${fn}`);
  }
}
