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

// The demo's local AWS (moto) as a person sees it: the keys the demo wrote
// to .demo/aws-credentials, and IAM enforcement switched on for a check.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const MOTO_ENDPOINT =
  process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566';

export interface DemoKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The `[profile]` section of the demo's shared-credentials file. */
export async function demoKeys(profile: string): Promise<DemoKeys> {
  const file = path.resolve(
    import.meta.dirname,
    '..',
    '.demo',
    'aws-credentials',
  );
  const text = await readFile(file, 'utf8');
  const section = text.split(/^\[/m).find(s => s.startsWith(`${profile}]`));
  const value = (key: string) =>
    section?.match(new RegExp(`^${key}\\s*=\\s*(\\S+)`, 'm'))?.[1];
  const accessKeyId = value('aws_access_key_id');
  const secretAccessKey = value('aws_secret_access_key');
  if (!accessKeyId || !secretAccessKey) {
    throw new Error(`no keys for profile ${profile} in ${file}`);
  }
  return { accessKeyId, secretAccessKey };
}

/**
 * Runs `fn` with moto enforcing IAM policies, so that AWS answers Allow or
 * AccessDenied like the real thing. The demo enforces IAM from the start
 * (scripts/start.sh); this only makes sure, and never switches it off.
 */
export async function withIamEnforced<T>(fn: () => Promise<T>): Promise<T> {
  const res = await fetch(`${MOTO_ENDPOINT}/moto-api/reset-auth`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: '0',
  });
  if (!res.ok) {
    throw new Error(`moto refused reset-auth: ${res.status}`);
  }
  return fn();
}
