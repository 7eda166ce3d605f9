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
 * One backend replica: `packages/backend` (the demo backend, with the
 * aws-access plugin and its catalog module) as its own Node process, run the
 * way `backstage-cli package start` runs it but without the watcher, so a
 * SIGKILL kills exactly the backend and nothing else.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';
import { join } from 'node:path';

export interface ReplicaOptions {
  name: string;
  port: number;
  root: string;
  logDir: string;
  env: Record<string, string>;
}

export class Replica {
  private child?: ChildProcess;
  private log?: WriteStream;
  starts = 0;
  kills = 0;
  /** Set while the process is up and answering. */
  ready = false;

  constructor(readonly options: ReplicaOptions) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The access key id this replica signs AWS calls with (the proxy tells replicas apart by it). */
  get accessKeyId(): string {
    return `CHAOS${this.options.name.toUpperCase()}`;
  }

  async start(timeoutMs = 300_000): Promise<number> {
    const started = Date.now();
    this.starts += 1;
    this.log = createWriteStream(
      join(this.options.logDir, `${this.options.name}-${this.starts}.log`),
    );
    const { root } = this.options;
    this.child = spawn(
      process.execPath,
      [
        '--require',
        join(root, 'node_modules/@backstage/cli-node/config/nodeTransform.cjs'),
        join(root, 'packages/backend/src/index.ts'),
        '--config',
        join(root, 'app-config.yaml'),
        '--config',
        join(root, 'app-config.production.yaml'),
        '--config',
        join(root, 'bench/chaos/app-config.chaos.yaml'),
      ],
      {
        cwd: root,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          ...this.options.env,
          CHAOS_PORT: String(this.options.port),
          AWS_ACCESS_KEY_ID: this.accessKeyId,
          AWS_SECRET_ACCESS_KEY: 'chaos',
        },
      },
    );
    this.child.stdout!.pipe(this.log);
    this.child.stderr!.pipe(this.log);
    const child = this.child;
    while (Date.now() - started < timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `replica ${this.options.name} exited (${
            child.exitCode ?? child.signalCode
          }) while starting; see ${this.options.logDir}`,
        );
      }
      try {
        const res = await fetch(`${this.baseUrl}/api/aws-access/health`);
        if (res.ok) {
          this.ready = true;
          return Date.now() - started;
        }
      } catch {
        // not listening yet
      }
      await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(
      `replica ${this.options.name} did not start in ${timeoutMs} ms`,
    );
  }

  /** SIGKILL, no grace: whatever it was doing stops mid-way. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    this.ready = false;
    this.kills += 1;
    const exited = new Promise(r => child.once('exit', r));
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
    await exited;
    this.log?.end();
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    this.ready = false;
    const exited = new Promise(r => child.once('exit', r));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
    this.log?.end();
  }
}
