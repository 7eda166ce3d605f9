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

import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * A moto AWS emulator started for one test file, on a free loopback port.
 *
 * @public
 */
export interface MotoServer {
  endpoint: string;
  port: number;
  /** Clears all data (not the auth setting). */
  reset(): Promise<void>;
  /** Enforce IAM policies from now on (`true`) or stop enforcing them. */
  enforceAuth(enabled: boolean): Promise<void>;
  stop(): Promise<void>;
}

/**
 * True when `moto_server` is on PATH; suites that need it are skipped when it
 * is not. In CI (`CI` set) a missing moto_server throws instead, so that the
 * suites fail rather than pass for green without having run.
 *
 * @public
 */
export function isMotoAvailable(): boolean {
  const available =
    spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;
  if (!available && process.env.CI) {
    throw new Error(
      'moto_server is not on PATH: CI must run the moto suites (pip install "moto[server]")',
    );
  }
  return available;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === 'object' && address ? address.port : 0),
      );
    });
  });
}

async function waitUntilUp(endpoint: string, child: ChildProcess) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`moto_server exited with code ${child.exitCode}`);
    }
    try {
      const res = await fetch(`${endpoint}/moto-api/data.json`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`moto_server did not start at ${endpoint}`);
}

/**
 * Starts `moto_server` and points the AWS SDK at it through
 * `AWS_ENDPOINT_URL`, with dummy keys for the default chain.
 *
 * @public
 */
export async function startMotoServer(): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
  });
  await waitUntilUp(endpoint, child);

  process.env.AWS_ENDPOINT_URL = endpoint;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'testing';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';

  const post = async (path: string, body?: string) => {
    const res = await fetch(`${endpoint}${path}`, { method: 'POST', body });
    if (!res.ok) throw new Error(`moto ${path}: HTTP ${res.status}`);
  };

  return {
    endpoint,
    port,
    reset: () => post('/moto-api/reset'),
    enforceAuth: enabled => post('/moto-api/reset-auth', enabled ? '0' : 'inf'),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise(r => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
