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

import { TestDatabases } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { DatabaseGrantStore } from '../../database/DatabaseGrantStore';
import { RecordingProvisioner } from '../../service/__testUtils__/RecordingProvisioner';
import {
  accessConfig,
  as,
  createTestApp,
  discoveredResource,
  HOME,
  OTHER,
  SECURITY,
  TEAM,
} from '../../service/__testUtils__/testApp';

/** Owned by TEAM (Bob is a member), in the home account. */
export const TEAM_BUCKET = 'arn:aws:s3:::team-bucket';
/** Owned by SECURITY (Dan and Erin), in the other account. */
export const SECURITY_BUCKET = 'arn:aws:s3:::security-bucket';
/** Owned by SECURITY too, in the home account. */
export const AUDIT_BUCKET = 'arn:aws:s3:::audit-bucket';
/** Buckets of TEAM in the home account, for bundles too large for one role. */
export const MANY_BUCKETS = Array.from(
  { length: 8 },
  (_, i) => `arn:aws:s3:::team-data-${i}`,
);

export const bundleEntities = [
  discoveredResource({
    name: 'team-bucket',
    arn: TEAM_BUCKET,
    accountId: HOME,
    owner: TEAM,
  }),
  discoveredResource({
    name: 'security-bucket',
    arn: SECURITY_BUCKET,
    accountId: OTHER,
    owner: SECURITY,
  }),
  discoveredResource({
    name: 'audit-bucket',
    arn: AUDIT_BUCKET,
    accountId: HOME,
    owner: SECURITY,
  }),
  ...MANY_BUCKETS.map((arn, i) =>
    discoveredResource({
      name: `team-data-${i}`,
      arn,
      accountId: HOME,
      owner: TEAM,
    }),
  ),
];

/** Every request needs its resource's owner, in both accounts. */
export const ownerApprovalConfig = {
  awsAccess: {
    ...accessConfig.awsAccess,
    approval: { rules: [{ approvers: 'owner' }] },
  },
};

/** One member of security must approve anything. */
export const securityApprovalConfig = {
  awsAccess: {
    ...accessConfig.awsAccess,
    approval: {
      rules: [{ approvers: 'groups', groups: [SECURITY], count: 1 }],
    },
  },
};

/** Nobody needs to approve: the parts go live at once. */
export const noApprovalConfig = {
  awsAccess: { ...securityApprovalConfig.awsAccess, approval: { rules: [] } },
};

export const target = (resourceArn: string, actions = ['s3:GetObject']) => ({
  resourceArn,
  actions,
});

export const bundleBody = (targets: object[]) => ({
  targets,
  durationMinutes: 60,
  reason: 'cross-account backfill',
});

/** The test app with the bundle fixtures, and the tables to look into. */
export async function createBundleTestApp(options: {
  databases: TestDatabases;
  databaseId: Parameters<TestDatabases['init']>[0];
  config?: object;
  deniedPermissions?: string[];
}) {
  const iam = new RecordingProvisioner();
  const knex = await options.databases.init(options.databaseId);
  const app = await createTestApp({
    provisioner: iam,
    knex,
    config: options.config ?? ownerApprovalConfig,
    entities: bundleEntities,
    deniedPermissions: options.deniedPermissions,
  });
  const post = (path: string, body: object, who: string) =>
    request(app.app).post(path).set('authorization', as(who)).send(body);
  const count = async (table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);
  return {
    ...app,
    app: app.app as express.Express,
    store: app.store as DatabaseGrantStore,
    iam,
    knex,
    /** Rows in the bundle and grant tables: nothing created means 0 and 0. */
    created: async () => ({
      bundles: await count('access_bundles'),
      grants: await count('grants'),
    }),
    post,
    /** Creates a bundle for `who`, failing the test unless it is created. */
    createBundle: async (targets: object[], who: string) => {
      const res = await post('/bundles', bundleBody(targets), who);
      expect(res.status).toBe(201);
      return res.body;
    },
    get: (path: string, who: string) =>
      request(app.app).get(path).set('authorization', as(who)),
  };
}
