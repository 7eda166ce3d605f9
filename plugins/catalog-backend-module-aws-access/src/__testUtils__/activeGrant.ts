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

import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';

/** The bucket jane's test grants are on. */
export const BUCKET_ARN = 'arn:aws:s3:::orders-bucket';

/**
 * An active grant of jane's on the orders bucket, activated now and expiring
 * in an hour, with its role; `overrides` make the variant a test needs.
 */
export function activeGrant(id: string, overrides: Partial<Grant> = {}): Grant {
  return {
    id,
    state: 'active',
    requester: 'user:default/jane',
    resourceArn: BUCKET_ARN,
    resourceType: 's3:bucket',
    accountId: '123456789012',
    region: '',
    actions: ['s3:GetObject'],
    reason: 'debugging an order',
    durationMinutes: 60,
    createdAt: new Date().toISOString(),
    activatedAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    roleArn: `arn:aws:iam::123456789012:role/backstage-access/grant-${id}`,
    roleName: `grant-${id}`,
    signInUrl: `https://signin.aws.amazon.com/switchrole?roleName=grant-${id}&account=123456789012`,
    ...overrides,
  };
}
