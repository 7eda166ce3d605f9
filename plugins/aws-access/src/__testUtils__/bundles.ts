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

import type {
  AccessBundle,
  BundlePreview,
  GrantPreview,
} from '@backstage-aws-access/plugin-aws-access-common';
import { BUCKET_ARN, makeGrant, resourceEntity } from './fakes';

/** A second bucket, catalogued in another account than the demo bucket. */
export const OTHER_BUCKET_ARN = 'arn:aws:s3:::audit-logs';
export const OTHER_ACCOUNT = '222222222222';

export const otherResourceEntity = {
  ...resourceEntity,
  metadata: {
    name: 'audit-logs',
    namespace: 'default',
    title: 'Audit logs',
    annotations: {
      'aws.amazon.com/arn': OTHER_BUCKET_ARN,
      'aws.amazon.com/account-id': OTHER_ACCOUNT,
    },
  },
  spec: { type: 's3-bucket', owner: 'group:default/security' },
};

/** What `POST /bundles/preview` answers for one bucket. */
export function previewPart(
  resourceArn: string,
  accountId: string,
  actions: string[],
): GrantPreview {
  return {
    resourceArn,
    resourceType: 's3:bucket',
    accountId,
    // A bucket's ARN names no region, nor does its preview.
    region: '',
    actions,
    durationMinutes: 60,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    maxDurationMinutes: 720,
    trustPolicy: { Version: '2012-10-17', Statement: [] },
    permissionPolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: actions, Resource: resourceArn }],
    },
    approval: {
      mode: 'owner',
      count: 2,
      approverGroups: ['group:default/platform', 'group:default/security'],
    },
    sensitiveActions: [],
  };
}

export function makeBundlePreview(): BundlePreview {
  const parts = [
    previewPart(BUCKET_ARN, '123456789012', ['s3:GetObject']),
    previewPart(OTHER_BUCKET_ARN, OTHER_ACCOUNT, ['s3:GetObject']),
  ];
  return {
    parts,
    approval: parts[0].approval,
    expiresAt: parts[0].expiresAt,
  };
}

/** An active bundle over the two buckets, one part per account. */
export function makeBundle(
  overrides: Partial<AccessBundle> = {},
): AccessBundle {
  const first = makeGrant({
    id: 'g-part-1',
    bundleId: 'b-1',
    roleName: 'grant-part-1',
    targets: [
      {
        resourceArn: BUCKET_ARN,
        resourceType: 's3:bucket',
        actions: ['s3:GetObject'],
      },
    ],
  });
  const second = makeGrant({
    id: 'g-part-2',
    bundleId: 'b-1',
    accountId: OTHER_ACCOUNT,
    resourceArn: OTHER_BUCKET_ARN,
    roleName: 'grant-part-2',
    actions: ['s3:ListBucket'],
    targets: [
      {
        resourceArn: OTHER_BUCKET_ARN,
        resourceType: 's3:bucket',
        actions: ['s3:ListBucket'],
      },
    ],
  });
  return {
    id: 'b-1',
    state: 'active',
    requester: first.requester,
    reason: first.reason,
    durationMinutes: 60,
    createdAt: first.createdAt,
    expiresAt: first.expiresAt,
    approvals: [{ approver: 'user:default/alice', createdAt: first.createdAt }],
    grants: [first, second],
    ...overrides,
  };
}
