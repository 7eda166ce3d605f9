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

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildAwsCliSnippet } from './cliSnippet';
import type { Grant } from './types';

/**
 * The README's CLI snippet is this function's output for the demo grant it
 * describes, so the README, the grant page and the scaffolder output never
 * drift apart.
 */
describe('the README CLI snippet', () => {
  const readme = readFileSync(
    path.resolve(__dirname, '../../../README.md'),
    'utf8',
  );
  const block = (name: string) => {
    const match = new RegExp(
      `<!-- cli-snippet:${name} -->\\s*\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\`\\s*<!-- /cli-snippet:${name} -->`,
    ).exec(readme);
    if (!match) throw new Error(`README has no cli-snippet:${name} block`);
    return match[1];
  };
  const now = new Date('2026-12-01T10:00:00Z');
  const grant: Grant = {
    id: '3f2a9c1e-0000-4000-8000-000000000000',
    state: 'active',
    requester: 'user:default/guest',
    resourceArn: 'arn:aws:s3:::sandbox-analytics-raw',
    resourceType: 's3:bucket',
    accountId: '123456789012',
    region: '',
    actions: ['s3:GetObject', 's3:ListBucket'],
    reason: 'reading',
    durationMinutes: 60,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 3600_000).toISOString(),
    roleArn:
      'arn:aws:iam::123456789012:role/backstage-access/sandbox-analytics-raw-3f2a9c1e',
    cli: {
      endpointUrl: 'http://127.0.0.1:4566',
      credentialsFile: '/home/you/backstage-aws-access/.demo/aws-credentials',
      region: 'us-east-1',
    },
  };

  it('is what buildAwsCliSnippet writes', () => {
    const snippet = buildAwsCliSnippet(grant, { now })!;
    expect(block('config')).toBe(snippet.config);
    expect(block('commands')).toBe(snippet.commands);
  });
});
