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
 * The kills: each armed for one replica and one phase, fired 0-60 ms after
 * that replica's next matching AWS call reaches the proxy (or, for approval,
 * an approve request is sent to it); then SIGKILL, restart, wait until it
 * answers. Spread from early in the sending to a minute after it.
 */
import { ProxiedCall } from './faultProxy';
import { ms } from './measure';
import { Replica } from './replica';
import { sleep } from './measure';
import { Stack } from './stack';

export type Phase = 'provisioning' | 'approval' | 'revocation' | 'expiry';

export interface Kill {
  replica: string;
  phase: Phase;
  trigger: string;
  at: number;
  restartMs?: number;
}

const PHASES: Phase[] = ['provisioning', 'approval', 'revocation', 'expiry'];

export class Killer {
  readonly kills: Kill[] = [];
  private armed?: {
    replica: Replica;
    phase: Phase;
    fire: (trigger: string) => void;
  };

  constructor(
    private readonly stack: Stack,
    private readonly options: {
      random: () => number;
      /** Whether the driver has revoked anything yet (revocation kills wait for it). */
      revoking: () => boolean;
      log: (line: string) => void;
    },
  ) {}

  /** Hook for the driver: an armed approval kill fires when an approve request reaches its replica. */
  readonly approveSent = (replica: Replica) => {
    const armed = this.armed;
    if (armed?.phase === 'approval' && armed.replica === replica) {
      setTimeout(
        () => armed.fire('POST /approve sent'),
        this.options.random() * 40,
      );
    }
  };

  /** `count` kills from 15 % into the sending until a minute after it, each at a moment of its kind. */
  async run(count: number, sendMs: number) {
    const begin = Date.now();
    const first = 0.15 * sendMs;
    const last = sendMs + 60_000;
    for (let k = 0; k < count; k++) {
      const due =
        begin + first + (count > 1 ? (k * (last - first)) / (count - 1) : 0);
      await sleep(Math.max(0, due - Date.now()));
      const at = Date.now() - begin;
      let phase = PHASES[k % PHASES.length];
      // No new grants after the sending: end-of-life kills instead.
      if (
        (phase === 'provisioning' || phase === 'approval') &&
        at > sendMs + 3000
      )
        phase = 'expiry';
      // Nothing expires before the first grants are a minute old.
      if (phase === 'expiry' && at < 62_000)
        phase = k % 2 ? 'revocation' : 'provisioning';
      await this.killOnce(phase, 15_000);
    }
  }

  private matches(phase: Phase): (c: ProxiedCall) => boolean {
    switch (phase) {
      case 'provisioning':
        return c =>
          c.operation === 'CreateRole' || c.operation === 'PutRolePolicy';
      case 'revocation':
        return c =>
          (c.operation === 'DeleteRolePolicy' ||
            c.operation === 'DeleteRole') &&
          this.options.revoking();
      case 'expiry':
        return c =>
          c.operation === 'DeleteRolePolicy' || c.operation === 'DeleteRole';
      default:
        // Approval kills fire on an approve request (approveSent), not on an AWS call.
        return () => false;
    }
  }

  private async killOnce(phase: Phase, timeoutMs: number) {
    const { proxy, replicas } = this.stack;
    const ready = replicas.filter(r => r.ready);
    if (!ready.length) return;
    const replica = ready[Math.floor(this.options.random() * ready.length)];
    const other = replicas.find(r => r !== replica)!;
    const fired = await new Promise<string>(resolveFire => {
      let done = (_trigger: string) => {};
      const timer = setTimeout(
        () => done('timeout: nothing of the kind happened'),
        timeoutMs,
      );
      const match = this.matches(phase);
      const onCall = (c: ProxiedCall) => {
        if (c.accessKeyId === replica.accessKeyId && match(c)) {
          // A little later, so that the call is in flight or just answered.
          setTimeout(
            () => done(`${c.operation} ${c.roleName ?? ''}`.trim()),
            this.options.random() * 60,
          );
        }
      };
      done = (trigger: string) => {
        clearTimeout(timer);
        proxy.events.off('call', onCall);
        this.armed = undefined;
        resolveFire(trigger);
      };
      proxy.events.on('call', onCall);
      this.armed = { replica, phase, fire: done };
    });
    // The other replica must be up to carry on (it may be restarting still).
    while (!other.ready) await sleep(200);
    const kill: Kill = {
      replica: replica.options.name,
      phase,
      trigger: fired,
      at: Date.now(),
    };
    await replica.kill();
    this.kills.push(kill);
    this.options.log(
      `SIGKILL ${replica.options.name} during ${phase} (${fired}); restarting`,
    );
    kill.restartMs = await replica.start();
    this.options.log(
      `${replica.options.name} back after ${ms(kill.restartMs)}`,
    );
  }
}
