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

/** The lines naming the machine the figures come from. */
export function describeMachine(): string[] {
  const cores = cpus();
  return [
    `CPU:    ${cores[0]?.model.trim() ?? 'unknown'} (${cores.length} cores)`,
    `Memory: ${(totalmem() / GIB).toFixed(1)} GiB`,
    `OS:     Linux ${release()}`,
    `Node:   ${process.version}`,
    `moto:   ${motoVersion()}`,
  ];
}

/** The 1, 5 and 15 minute load averages: the machine may be shared. */
export function describeLoad(): string {
  return loadavg()
    .map(l => l.toFixed(2))
    .join(' / ');
}
