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

import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseGrantStore } from '../DatabaseGrantStore';
import { NewGrantRecord } from '../types';

/** The store on a test database, migrated as the plugin migrates it. */
export function storeOn(knex: Knex): Promise<DatabaseGrantStore> {
  return DatabaseGrantStore.create({
    database: mockServices.database({ knex }),
  });
}

let counter = 0;

/**
 * A grant about to be provisioned, each with its own id, resource and
 * role; each one is created a second after the one before, so that
 * "newest first" has one answer.
 */
export function newGrant(
  overrides: Partial<NewGrantRecord> = {},
): NewGrantRecord {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    id,
    state: 'provisioning',
    requester: 'user:default/alice',
    resourceArn: `arn:aws:s3:::bucket-${counter}`,
    resourceType: 's3:bucket',
    accountId: '123456789012',
    region: '',
    actions: ['s3:GetObject'],
    reason: 'debugging',
    durationMinutes: 60,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, counter)),
    expiresAt: new Date(Date.UTC(2026, 0, 1, 1, 0, counter)),
    roleName: `ba-${id.replace(/-/g, '')}`,
    policyName: 'grant',
    trustPrincipalArns: ['arn:aws:iam::123456789012:user/alice'],
    statements: [
      { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] },
    ],
    ...overrides,
  };
}
