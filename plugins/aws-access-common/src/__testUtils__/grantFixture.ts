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

import type { Grant } from '../types';

/**
 * The guest's grant to read the demo bucket, active with its role made
 * (the time it became active is left to each test).
 */
export function activeGrant(overrides: Partial<Grant> = {}): Grant {
  const now = Date.now();
  return {
    id: '3f2a9c1e-0000-4000-8000-000000000000',
    state: 'active',
    requester: 'user:default/guest',
    resourceArn: 'arn:aws:s3:::demo-reports',
    resourceType: 's3:bucket',
    accountId: '123456789012',
    region: '',
    actions: ['s3:GetObject', 's3:ListBucket'],
    reason: 'r',
    durationMinutes: 60,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 3600_000).toISOString(),
    roleArn: 'arn:aws:iam::123456789012:role/backstage-access/s3-demo-3f2a9c1e',
    ...overrides,
  };
}
