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
