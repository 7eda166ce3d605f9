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
import { toGrantEntity } from './grantEntity';
import { resourceEntityName } from '@backstage-aws-access/plugin-aws-access-node';

const LOCATION = 'aws-access:aws-access-grants';

function grant(overrides: Partial<Grant> = {}): Grant {
  return {
    id: '3f2a9c1e-7d6b-4b1a-9f0e-0a1b2c3d4e5f',
    state: 'active',
    requester: 'user:default/mallory',
    resourceArn: 'arn:aws:s3:::sandbox-analytics-raw',
    resourceType: 's3:bucket',
    accountId: '123456789012',
    region: '',
    actions: ['s3:GetObject', 's3:ListBucket'],
    reason: 'routine',
    durationMinutes: 60,
    createdAt: '2026-12-01T09:00:00.000Z',
    activatedAt: '2026-12-01T09:00:05.000Z',
    expiresAt: '2026-12-01T10:00:05.000Z',
    roleArn:
      'arn:aws:iam::123456789012:role/backstage-access/sandbox-analytics-3f2a9c1e',
    roleName: 'sandbox-analytics-3f2a9c1e',
    signInUrl:
      'https://signin.aws.amazon.com/switchrole?account=123456789012&roleName=backstage-access/sandbox-analytics-3f2a9c1e',
    ...overrides,
  };
}

/** A reason as the attack run wrote it: markdown for everyone's browser. */
const MARKDOWN_REASON = [
  '# Security notice',
  'Re-enter your password [here](https://evil.example/login)',
  '| Approved by | alice |',
  '|---|---|',
  '![](https://evil.example/pixel.png)',
  '<img src=x onerror=alert(1)>',
].join('\n');

describe('toGrantEntity', () => {
  it('shows every catalog reader who, what and until when, and none of the requester text', () => {
    const entity = toGrantEntity(grant({ reason: MARKDOWN_REASON }), LOCATION);
    const serialized = JSON.stringify(entity);

    expect(entity.spec).toEqual({
      type: 'aws-access-grant',
      owner: 'user:default/mallory',
      dependsOn: [
        `resource:default/${resourceEntityName(
          'arn:aws:s3:::sandbox-analytics-raw',
        )}`,
      ],
    });
    expect(entity.metadata.description).toBe(
      'Temporary AWS access: s3:GetObject, s3:ListBucket until Tue, 1 Dec 2026, 10:00 UTC. Details, for those allowed to read them, are in aws-access.',
    );
    for (const secret of [
      'Security notice',
      'evil.example',
      'Approved by',
      'onerror',
      'routine',
      'switchrole',
    ]) {
      expect(serialized).not.toContain(secret);
    }
    expect(entity.metadata.links).toBeUndefined();
  });

  it('carries the role ARN in aws-access/role-arn, never in aws.amazon.com/arn', () => {
    const entity = toGrantEntity(grant(), LOCATION);

    expect(entity.metadata.annotations).toMatchObject({
      'aws-access/role-arn': grant().roleArn,
      'aws-access/grant-id': grant().id,
      'aws-access/expires-at': grant().expiresAt,
      'aws.amazon.com/account-id': '123456789012',
    });
    expect(entity.metadata.annotations).not.toHaveProperty(
      'aws.amazon.com/arn',
    );
  });

  it('titles a grant on an object prefix after the catalogued bucket, not the path the requester chose', () => {
    const entity = toGrantEntity(
      grant({
        resourceArn: 'arn:aws:s3:::sandbox-analytics-raw/prod-audit-logs/*',
      }),
      LOCATION,
    );

    expect(entity.metadata.title).toBe(
      'mallory on sandbox-analytics-raw · 3f2a9c1e',
    );
    expect(JSON.stringify(entity)).not.toContain('prod-audit-logs');
    expect(entity.spec?.dependsOn).toEqual([
      `resource:default/${resourceEntityName(
        'arn:aws:s3:::sandbox-analytics-raw',
      )}`,
    ]);
  });

  it('depends on the catalogued resource recorded with the grant', () => {
    const entity = toGrantEntity(
      grant({
        resourceArn: 'arn:aws:s3:::sandbox-analytics-raw/prod-audit-logs/*',
        resourceRef: 'resource:default/analytics-raw-bucket',
      }),
      LOCATION,
    );
    expect(entity.metadata.title).toBe(
      'mallory on sandbox-analytics-raw · 3f2a9c1e',
    );
    expect(entity.spec?.dependsOn).toEqual([
      'resource:default/analytics-raw-bucket',
    ]);
  });

  it('gives two grants of one person on one resource different titles', () => {
    const first = toGrantEntity(grant(), LOCATION);
    const second = toGrantEntity(
      grant({ id: '9b8c7d6e-0000-4000-8000-000000000000' }),
      LOCATION,
    );

    expect(first.metadata.title).not.toBe(second.metadata.title);
    expect(first.metadata.name).not.toBe(second.metadata.name);
  });

  it('does not copy action text that a renderer could read as markup', () => {
    const entity = toGrantEntity(
      grant({ actions: ['s3:GetObject', 's3:*'] }),
      LOCATION,
    );

    expect(entity.metadata.description).toContain('2 IAM action(s)');
    expect(entity.metadata.description).not.toContain('*');
  });

  it('shows a bundle part with its bundle and every resource its role covers', () => {
    const bundleId = '7c1d2e3f-4a5b-4c6d-8e7f-901234567890';
    const entity = toGrantEntity(
      grant({
        bundleId,
        targets: [
          {
            resourceArn: 'arn:aws:s3:::sandbox-analytics-raw',
            resourceType: 's3:bucket',
            resourceRef: 'resource:default/analytics-raw-bucket',
            actions: ['s3:GetObject'],
          },
          {
            resourceArn: 'arn:aws:s3:::invoices/secret-plans/*',
            resourceType: 's3:object',
            actions: ['s3:ListBucket'],
          },
        ],
      }),
      LOCATION,
    );

    expect(entity.metadata.annotations?.['aws-access/bundle-id']).toBe(
      bundleId,
    );
    expect(entity.spec?.dependsOn).toEqual([
      'resource:default/analytics-raw-bucket',
      `resource:default/${resourceEntityName('arn:aws:s3:::invoices')}`,
    ]);
    expect(entity.metadata.title).toBe(
      'mallory on sandbox-analytics-raw +1 · 3f2a9c1e',
    );
    expect(entity.metadata.description).toMatch(
      /^Temporary AWS access to 2 resources, part of a bundle: /,
    );
    // The object path is the requester's text: never shown.
    expect(JSON.stringify(entity)).not.toContain('secret-plans');
  });

  it('keeps a bundle id that is not plain text out of the catalog', () => {
    const entity = toGrantEntity(
      grant({ bundleId: '<img src=x onerror=alert(1)>' }),
      LOCATION,
    );
    expect(entity.metadata.annotations).not.toHaveProperty(
      'aws-access/bundle-id',
    );
  });
});
