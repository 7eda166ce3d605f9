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

import { BenchBackend } from './backend';

/** The grant fields the bench reads from the API. */
export interface ApiGrant {
  id: string;
  state: string;
  requester: string;
  roleName?: string;
  roleArn?: string;
  policyName?: string;
  expiresAt?: string;
  endedAt?: string;
  lastError?: string;
  events?: Array<{ type: string; createdAt: string }>;
}

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Polls one grant until it reaches one of `states` (or fails), up to `timeoutMs`. */
export async function waitForGrant(
  backend: BenchBackend,
  id: string,
  states: string[],
  timeoutMs: number,
): Promise<ApiGrant> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await backend.call('GET', `/grants/${id}`);
    if (states.includes(body.state) || body.state === 'failed') {
      return body;
    }
    if (Date.now() > deadline) {
      throw new Error(`grant ${id} still ${body.state} after ${timeoutMs} ms`);
    }
    await sleep(50);
  }
}
