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
 * The machine a bench's figures come from, described the same way by every
 * bench. The machine may be shared: a busy one stretches every wall time, so
 * the load goes with the description.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';

const GIB = 1024 ** 3;

function motoVersion(): string {
  try {
    return execFileSync(
      'python3',
      ['-c', 'import moto; print(moto.__version__)'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    ).trim();
  } catch {
    // moto_server may run under another interpreter; say so rather than guess.
    return 'unknown';
  }
}

/** The 1, 5 and 15 minute load averages, e.g. `0.52 / 0.71 / 0.80`. */
export function describeLoad(): string {
  return loadavg()
    .map(l => l.toFixed(2))
    .join(' / ');
}

/** What the machine is, label first: CPU, memory, OS, Node and moto. */
export function machineFacts(): Array<[label: string, value: string]> {
  const cores = cpus();
  return [
    ['CPU', `${cores[0]?.model.trim() ?? 'unknown'} (${cores.length} cores)`],
    ['Memory', `${(totalmem() / GIB).toFixed(1)} GiB`],
    ['OS', `Linux ${release()}`],
    ['Node', process.version],
    ['moto', motoVersion()],
  ];
}

/** One line for a log: `Machine: CPU …, Memory …, …, load … now`. */
export function describeMachine(): string {
  const facts = machineFacts().map(([label, value]) => `${label} ${value}`);
  return `Machine: ${facts.join(', ')}, load ${describeLoad()} now`;
}
