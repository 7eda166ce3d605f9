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

import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
// The store's own helpers, so seeded rows are exactly what the store writes.
import { actionsKey } from '../../../plugins/aws-access-backend/src/database/DatabaseGrantStore';
import {
  GRANT_POLICY_NAME,
  grantRoleName,
} from '../../../plugins/aws-access-backend/src/provisioning/naming';
import { ACCOUNT_ID, BenchBackend, benchUser } from './backend';

const ROLE_PATH = '/backstage-access/';
/** Roles are named after the catalogued resource: the bucket. */
const bucketName = (arn: string) => arn.split(':::')[1]?.split('/')[0];

const HOUR = 3_600_000;
/** Ended grants, in roughly the proportions a busy year leaves behind. */
const ENDED_STATES = [
  ...Array(12).fill('expired'),
  ...Array(5).fill('revoked'),
  'failed',
  'cancelled',
  'rejected',
];
const ACTION_SETS = [
  ['s3:GetObject'],
  ['s3:GetObject', 's3:ListBucket'],
  ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
  ['s3:DeleteObject', 's3:PutObject'],
];

/**
 * A year of history: one grant every ~5 minutes from `users` requesters on
 * 5,000 buckets. Grants of the last 11 hours are active (expiring hours from
 * now, so the plugin's expiry sweep leaves them alone); older ones ended.
 */
function grantRow(i: number, count: number, users: number, now: number) {
  const createdAt = new Date(now - (count - i) * 5 * 60_000);
  const recent = now - createdAt.getTime() < 11 * HOUR;
  const requester = benchUser(i % users);
  const resourceArn = `arn:aws:s3:::bench-data-${(i * 7919) % 5000}`;
  const actions = ACTION_SETS[i % ACTION_SETS.length];
  const state = recent ? 'active' : ENDED_STATES[i % ENDED_STATES.length];
  const expiresAt = new Date(createdAt.getTime() + 12 * HOUR);
  const id = randomUUID();
  return {
    id,
    state,
    requester,
    resource_arn: resourceArn,
    resource_type: 's3:bucket',
    account_id: ACCOUNT_ID,
    region: '',
    actions: JSON.stringify(actions),
    actions_key: actionsKey(actions),
    reason: `seeded grant ${i}: investigating an incident on the data pipeline`,
    duration_minutes: 720,
    created_at: createdAt,
    updated_at: createdAt,
    approved_at: createdAt,
    approved_by: 'auto',
    activated_at:
      state === 'rejected' || state === 'cancelled' ? null : createdAt,
    expires_at: expiresAt,
    ended_at: state === 'active' ? null : expiresAt,
    role_name: grantRoleName(id, bucketName(resourceArn), ROLE_PATH),
    policy_name: GRANT_POLICY_NAME,
    role_arn:
      state === 'rejected' || state === 'cancelled'
        ? null
        : `arn:aws:iam::${ACCOUNT_ID}:role/backstage-access/${grantRoleName(
            id,
            bucketName(resourceArn),
            ROLE_PATH,
          )}`,
    trust_principal_arns: JSON.stringify([
      `arn:aws:iam::${ACCOUNT_ID}:user/dev-${i % users}`,
    ]),
    statements: JSON.stringify([
      { actions, resources: [resourceArn, `${resourceArn}/*`] },
    ]),
    ends_as: null,
    attempts: 0,
    last_error: state === 'failed' ? 'AccessDenied: seeded failure' : null,
    claimed_by: null,
    claim_expires_at: null,
  };
}

/** Bulk-inserts `count` grants into the (migrated) store; returns the active count. */
export async function seedGrants(
  knex: Knex,
  options: { count: number; users: number },
): Promise<{ active: number }> {
  const now = Date.now();
  const chunk = 500;
  // Active grants are unique per (requester, resource, action set): the
  // store's partial unique index says so. Collisions become ended grants.
  const live = new Set<string>();
  let active = 0;
  await knex.transaction(async tx => {
    for (let start = 0; start < options.count; start += chunk) {
      const rows = [];
      for (let i = start; i < Math.min(options.count, start + chunk); i++) {
        const row = grantRow(i, options.count, options.users, now);
        if (row.state === 'active') {
          const key = `${row.requester}|${row.resource_arn}|${row.actions_key}`;
          if (live.has(key)) {
            row.state = 'revoked';
            row.ended_at = row.created_at;
          } else {
            live.add(key);
            active += 1;
          }
        }
        rows.push(row);
      }
      await tx('grants').insert(rows);
    }
  });
  // A database that has been running a while has statistics; fresh bulk
  // rows do not until autovacuum comes by.
  await knex.raw(
    knex.client.config.client === 'pg' ? 'ANALYZE grants' : 'ANALYZE',
  );
  return { active };
}

export interface ListLatencyResult {
  /** Query label to latencies in milliseconds. */
  byQuery: Record<string, number[]>;
  all: number[];
}

/**
 * Times GET /grants through the API with the filters the UI and the catalog
 * module use, `perQuery` sequential requests each, after a short warm-up.
 */
export async function measureListLatency(
  backend: BenchBackend,
  options: { perQuery: number },
): Promise<ListLatencyResult> {
  const first = await backend.call('GET', '/grants');
  if (first.status !== 200 || !first.body.nextCursor) {
    throw new Error(`GET /grants answered ${first.status} without a next page`);
  }
  const queries: Record<string, string> = {
    'default page (50 newest)': '/grants',
    'state=active': '/grants?state=active',
    [`requester=${benchUser(42)}`]: `/grants?requester=${encodeURIComponent(
      benchUser(42),
    )}`,
    'cursor page 2': `/grants?cursor=${encodeURIComponent(
      first.body.nextCursor,
    )}`,
  };
  for (const path of Object.values(queries)) {
    for (let i = 0; i < 5; i++) await backend.call('GET', path);
  }
  const byQuery: Record<string, number[]> = {};
  const all: number[] = [];
  for (const [label, path] of Object.entries(queries)) {
    byQuery[label] = [];
    for (let i = 0; i < options.perQuery; i++) {
      const sent = performance.now();
      const res = await backend.call('GET', path);
      const ms = performance.now() - sent;
      if (res.status !== 200 || res.body.items.length === 0) {
        throw new Error(`GET ${path} answered ${res.status} with no items`);
      }
      byQuery[label].push(ms);
      all.push(ms);
    }
  }
  return { byQuery, all };
}
