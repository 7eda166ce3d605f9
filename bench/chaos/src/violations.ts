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

/* What a check found wrong, and how the runs print the checks' verdicts. */
export interface Violation {
  check: string;
  detail: string;
}

/** The check names, in the order the report prints them. */
export const CHECKS = [
  'none stuck',
  'failed with a cause',
  'keeper live',
  'CreateRole once per role',
  'no role without a live grant',
  'live grant has its role',
  'live grant has its policy',
  'one event per state change',
  'role deleted before the grant ended',
  'catalog matches live grants',
];

/** Prints `ok` or `FAIL` per check, with up to five examples each. */
export function printChecks(violations: Violation[], checks = CHECKS) {
  for (const check of checks) {
    const hits = violations.filter(v => v.check.startsWith(check));
    console.log(
      `${hits.length ? 'FAIL' : 'ok  '} ${check}${
        hits.length ? `: ${hits.length}` : ''
      }`,
    );
    for (const v of hits.slice(0, 5))
      console.log(`       ${v.check}: ${v.detail}`);
  }
}
