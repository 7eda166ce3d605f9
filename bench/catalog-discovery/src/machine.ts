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

import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';

const GIB = 1024 ** 3;

/** One line naming the machine the figures come from. */
export function describeMachine(): string {
  let moto = 'unknown';
  try {
    moto = execFileSync(
      'python3',
      ['-c', 'import moto; print(moto.__version__)'],
      { encoding: 'utf8' },
    ).trim();
  } catch {
    // moto_server may run under another interpreter; the version is then unknown
  }
  return [
    `CPU ${cpus()[0]?.model.trim() ?? 'unknown'}`,
    `${cpus().length} cores`,
    `${(totalmem() / GIB).toFixed(1)} GiB memory`,
    `Node ${process.version}`,
    `moto ${moto}`,
    `Linux ${release()}`,
    // The machine may be shared; a busy one stretches every wall time.
    `load average ${loadavg()[0].toFixed(2)} at start`,
  ].join(', ');
}
