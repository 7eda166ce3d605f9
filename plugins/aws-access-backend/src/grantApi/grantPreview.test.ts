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

import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { GrantPreview } from '@backstage-aws-access/plugin-aws-access-common';
import request from 'supertest';
import {
  ALICE,
  BUCKET,
  CATALOGUED_BUCKET,
  appPerTest,
  HOME,
  TEAM,
} from '../service/__testUtils__/testApp';
import {
  readRequest,
  securityApprovalConfig,
} from '../service/__testUtils__/testFixtures';

jest.setTimeout(60_000);

describe('POST /grants/preview', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  const t = appPerTest(databases, { config: securityApprovalConfig });

  const preview = (body: object) =>
    request(t.app)
      .post('/grants/preview')
      .set('authorization', mockCredentials.user.header(ALICE))
      .send(body);

  it('shows the exact policies with the expiry condition, and that reads are active at once', async () => {
    const res = await preview(
      readRequest(BUCKET, {
        actions: ['s3:ListBucket', 's3:GetObject'],
        accountId: HOME,
      }),
    );
    expect(res.status).toBe(200);
    const body: GrantPreview = res.body;
    const until = {
      DateLessThan: {
        'aws:CurrentTime': body.expiresAt.replace(/\.\d{3}Z$/, 'Z'),
      },
    };
    expect(body).toMatchObject({
      accountId: HOME,
      actions: ['s3:GetObject', 's3:ListBucket'],
      maxDurationMinutes: 720,
      approval: { mode: 'auto' },
      sensitiveActions: [],
    });
    expect(body.trustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        expect.objectContaining({
          Action: 'sts:AssumeRole',
          Condition: until,
        }),
      ],
    });
    expect(body.permissionPolicy.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: ['s3:GetObject'],
          Resource: [`${BUCKET}/*`],
          Condition: until,
        }),
        expect.objectContaining({
          Action: ['s3:ListBucket'],
          Resource: [BUCKET],
          Condition: until,
        }),
      ]),
    );
    // Nothing was created.
    expect(t.iam.calls).toEqual([]);
    expect((await request(t.app).get('/grants')).body.items).toEqual([]);
  });

  it('names the approvers and the actions that write', async () => {
    const groups = await preview(
      readRequest(BUCKET, {
        actions: ['s3:GetObject', 's3:PutObject'],
        accountId: HOME,
      }),
    );
    expect(groups.body.approval).toEqual({
      mode: 'groups',
      count: 2,
      approverGroups: ['group:default/security'],
    });
    expect(groups.body.sensitiveActions).toEqual([
      { action: 's3:PutObject', accessLevel: 'Write' },
    ]);
    const owner = await preview(
      readRequest(CATALOGUED_BUCKET, { actions: ['s3:PutBucketPolicy'] }),
    );
    expect(owner.status).toBe(200);
    expect(owner.body.approval).toMatchObject({
      mode: 'owner',
      approverGroups: [TEAM],
    });
    expect(owner.body.sensitiveActions).toEqual([
      { action: 's3:PutBucketPolicy', accessLevel: 'Permissions management' },
    ]);
  });

  it('refuses what POST /grants refuses, with the same words', async () => {
    const bad = [
      readRequest(BUCKET, { actions: [] }),
      readRequest(BUCKET, { durationMinutes: 721, accountId: HOME }),
      readRequest(BUCKET, { actions: ['s3:Nope'], accountId: HOME }),
    ];
    for (const body of bad) {
      const [p, c] = await Promise.all([
        preview(body),
        request(t.app)
          .post('/grants')
          .set('authorization', mockCredentials.user.header(ALICE))
          .send(body),
      ]);
      expect(p.status).toBe(400);
      expect(p.body.error.message).toBe(c.body.error.message);
    }
  });
});
