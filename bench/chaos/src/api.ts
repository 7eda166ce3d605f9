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
 * The driver's side of the backend's HTTP API: user tokens from the demo
 * sign-in, and requests to a live replica that are sent once more to another
 * when a kill or restart loses the answer.
 */
import { Replica } from './replica';
import { sleep } from './measure';

export type Who = 'guest' | 'bob' | 'alice';

export interface ApiResult {
  status: number;
  body: any;
  /** The replica never answered (killed, connection refused or reset). */
  lost?: boolean;
}

export class DriverApi {
  readonly tokens: Partial<Record<Who, string>> = {};
  /** Answers lost to kills and restarts, each retried. */
  lostAnswers = 0;
  /** Server errors (5xx but 503), each retried, with when they came. */
  readonly serverErrors: Array<{ at: number; status: number; path: string }> =
    [];

  constructor(
    private readonly replicas: () => Replica[],
    private readonly random: () => number,
  ) {}

  liveReplica(): Replica | undefined {
    const ready = this.replicas().filter(r => r.ready);
    return ready.length
      ? ready[Math.floor(this.random() * ready.length)]
      : undefined;
  }

  async call(
    replica: Replica,
    who: Who,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiResult> {
    try {
      const res = await fetch(`${replica.baseUrl}/api/aws-access${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.tokens[who]}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      let parsed: any = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON
      }
      return { status: res.status, body: parsed };
    } catch (error) {
      return { status: 0, body: String(error), lost: true };
    }
  }

  /** Sends to a live replica; when the answer is lost to a kill, again to a live one. */
  async send(
    who: Who,
    method: string,
    path: string,
    body?: unknown,
    onSent?: (replica: Replica) => void,
  ): Promise<ApiResult & { replica?: string }> {
    let result: ApiResult = { status: 0, body: 'no live replica', lost: true };
    for (let attempt = 0; attempt < 8; attempt++) {
      const replica = this.liveReplica();
      if (!replica) {
        await sleep(500);
        continue;
      }
      const pending = this.call(replica, who, method, path, body);
      onSent?.(replica);
      result = await pending;
      // 503: starting up (inventory not yet read) or shutting down; other
      // 5xx: the database went away (the checks tell when that is allowed).
      if (!result.lost && result.status < 500) {
        return { ...result, replica: replica.options.name };
      }
      if (result.lost || result.status === 503) this.lostAnswers += 1;
      else
        this.serverErrors.push({ at: Date.now(), status: result.status, path });
      await sleep(300 + this.random() * 700 * (attempt + 1));
    }
    return result;
  }

  /** A user token from the guest provider (guest) or the demo sign-in (anyone else). */
  async signIn(replica: Replica, who: Who): Promise<void> {
    const url =
      who === 'guest'
        ? `${replica.baseUrl}/api/auth/guest/refresh`
        : `${replica.baseUrl}/api/auth/demo/refresh`;
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(url, {
        headers: { 'x-requested-with': 'XMLHttpRequest', 'x-demo-user': who },
      });
      if (res.ok) {
        this.tokens[who] = ((await res.json()) as any).backstageIdentity.token;
        return;
      }
      if (attempt > 60)
        throw new Error(
          `no token for ${who}: HTTP ${res.status} ${await res.text()}`,
        );
      await sleep(1000);
    }
  }
}
