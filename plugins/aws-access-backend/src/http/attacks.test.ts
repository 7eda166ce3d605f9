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
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_ARN,
  ANNOTATION_GRANT_ID,
  Grant,
  GRANT_ENTITY_TYPE,
} from '@backstage-aws-access/plugin-aws-access-common';
import express from 'express';
import request from 'supertest';
import { DatabaseGrantStore } from '../database/DatabaseGrantStore';
import { RecordingProvisioner } from '../service/__testUtils__/RecordingProvisioner';
import {
  as,
  ALICE,
  BOB,
  BUCKET,
  CATALOGUED_BUCKET,
  createTestApp,
  discoveredResource,
  HOME,
  OTHER,
  PAT,
  TEAM,
} from '../service/__testUtils__/testApp';
import {
  attackConfig,
  expectIamMatchesGrants,
  MALLORY,
  mallory,
  readRequest,
} from '../service/__testUtils__/testFixtures';

jest.setTimeout(60_000);

/**
 * Attacks by ordinary users on the request path, each written as the
 * attacker would try it, through the HTTP API. After every test the
 * invariants hold: no role exists without a live grant, and no active
 * grant is without its role and policy.
 */
const MALLORYS_TEAM = 'group:default/mallorys-team';

/** What a catalog editor can register: any file, with any annotations. */
const registered = (
  name: string,
  annotations: Record<string, string>,
  spec: object,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      // The catalog stamps files with their own location; nobody can claim ours.
      [ANNOTATION_LOCATION]:
        'url:https://github.com/mallory/catalog/blob/main/x.yaml',
      ...annotations,
    },
  },
  spec,
});

describe('attacks on the request path', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let app: express.Express;
    let iam: RecordingProvisioner;
    let store: DatabaseGrantStore;

    beforeEach(async () => {
      iam = new RecordingProvisioner();
      ({ app, store } = await createTestApp({
        provisioner: iam,
        knex: await databases.init(databaseId),
        config: attackConfig,
        entities: [
          mallory,
          // A file Mallory registered: "her" copy of the production bucket,
          // owned by her own team, in the sandbox account.
          registered(
            'catalogued-bucket-copy',
            {
              [ANNOTATION_AWS_ARN]: CATALOGUED_BUCKET,
              [ANNOTATION_AWS_ACCOUNT_ID]: HOME,
            },
            { type: 's3-bucket', owner: MALLORYS_TEAM },
          ),
          // ... and a bucket nobody discovered.
          registered(
            'invented-bucket',
            {
              [ANNOTATION_AWS_ARN]: 'arn:aws:s3:::invented-bucket',
              [ANNOTATION_AWS_ACCOUNT_ID]: HOME,
            },
            { type: 's3-bucket', owner: MALLORYS_TEAM },
          ),
          discoveredResource({
            name: 'sandbox-analytics-raw',
            arn: 'arn:aws:s3:::sandbox-analytics-raw',
            accountId: HOME,
          }),
        ],
      }));
    });

    // The invariants hold after every attack.
    afterEach(() => expectIamMatchesGrants(store, iam));

    const post = (body: object, who = MALLORY) =>
      request(app).post('/grants').set('authorization', as(who)).send(body);
    const ask = readRequest;

    it("cannot be granted IAM writes on another user's grant role, the manager role, the boundary or a role session", async () => {
      const alices = await post(ask(BUCKET), ALICE);
      expect(alices.status).toBe(201);
      const roleArn: string = alices.body.roleArn;
      expect(roleArn).toMatch(/:role\/backstage-access\//);

      const res = await post({
        ...ask(roleArn),
        actions: ['iam:PutRolePolicy'],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^resourceArn: .* grant roles cannot be granted on/,
      );
      // The manager role and the boundary are just as off limits.
      for (const arn of [
        `arn:aws:iam::${HOME}:role/BackstageAccessManager`,
        `arn:aws:iam::${HOME}:policy/BackstageAccessGrantBoundary`,
        `arn:aws:sts::${HOME}:assumed-role/${alices.body.roleName}/alice`,
      ]) {
        const again = await post({
          ...ask(arn),
          actions: ['iam:PutRolePolicy'],
        });
        expect(again.status).toBe(400);
        expect(again.body.error.message).toMatch(/cannot be granted on/);
      }
      expect(iam.callsOf('createRole')).toBe(1);
    });

    it('never treats a grant entity, or a file someone registered, as a grantable resource', async () => {
      const fakes = [
        registered(
          'grant-x',
          {
            [ANNOTATION_AWS_ARN]: `arn:aws:iam::${HOME}:role/team/deployer`,
            [ANNOTATION_GRANT_ID]: 'x',
            [ANNOTATION_AWS_ACCOUNT_ID]: HOME,
          },
          { type: GRANT_ENTITY_TYPE, owner: ALICE },
        ),
      ];
      const { app: withFakes } = await createTestApp({
        provisioner: iam,
        knex: await databases.init(databaseId),
        config: attackConfig,
        entities: [mallory, ...fakes],
      });
      const res = await request(withFakes)
        .post('/grants')
        .set('authorization', as(MALLORY))
        .send({
          ...ask(`arn:aws:iam::${HOME}:role/team/deployer`),
          actions: ['iam:GetRole'],
        });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /not a resource the catalog knows/,
      );

      const invented = await post(ask('arn:aws:s3:::invented-bucket'));
      expect(invented.status).toBe(400);
      expect(invented.body.error.message).toMatch(
        /not a resource the catalog knows/,
      );
    });

    it('routes a production bucket to its real owner, whatever entity Mallory registered for it', async () => {
      const res = await post({
        ...ask(CATALOGUED_BUCKET),
        actions: ['s3:PutObject'],
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        state: 'pending',
        accountId: OTHER,
        resourceOwner: TEAM,
      });
      expect(res.body.approverGroups).toEqual([TEAM]);
    });

    it('cannot move a production bucket into the sandbox with accountId', async () => {
      const res = await post({ ...ask(CATALOGUED_BUCKET), accountId: HOME });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        `accountId: ${CATALOGUED_BUCKET} does not exist in account ${HOME}; it exists in ${OTHER}`,
      );
      expect(iam.calls).toEqual([]);
    });

    it.each([
      [
        'a policy variable',
        'arn:aws:s3:::${aws:UserAgent}',
        /policy variables/,
      ],
      [
        'a policy variable in a key',
        `${BUCKET}/\${aws:username}`,
        /policy variables/,
      ],
      [
        'path traversal',
        `${BUCKET}/../catalogued-bucket`,
        /'\.' or '\.\.' path segment/,
      ],
      ['a regex-like pipe', `${BUCKET}|catalogued-bucket`, /separators/],
      [
        'a comma injecting catalog filter terms',
        `${BUCKET},metadata.name=catalogued-bucket`,
        /separators/,
      ],
      [
        'a case variant of a catalogued bucket',
        'arn:aws:s3:::GRANTED-BUCKET',
        /not a resource the catalog knows/,
      ],
      [
        'a case variant of the partition',
        'arn:AWS:s3:::granted-bucket',
        /unknown partition|not an ARN/,
      ],
      [
        'a zero-width space',
        `arn:aws:s3:::granted\u200B-bucket`,
        /contains U\+200B/,
      ],
      ['a trailing slash', `${BUCKET}/`, /empty path segment/],
      ['a wildcard bucket', 'arn:aws:s3:::granted-*', /wildcards/],
      [
        'a look-alike of a catalogued bucket',
        `${BUCKET}-backup`,
        /not a resource the catalog knows/,
      ],
      [
        'another partition',
        'arn:aws-cn:s3:::granted-bucket',
        /not a resource the catalog knows/,
      ],
      [
        'a prefix under no catalogued resource',
        `arn:aws:ec2:us-east-1:${HOME}:instance/*`,
        /not a resource the catalog knows/,
      ],
    ])(
      'refuses %s with a 400 naming resourceArn, before any IAM call',
      async (_, arn, why) => {
        const res = await post(ask(arn));
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/^resourceArn: /);
        expect(res.body.error.message).toMatch(why);
        expect(iam.calls).toEqual([]);
      },
    );

    it('grants an object prefix under a catalogued bucket, named after the bucket, never the sub-path', async () => {
      const res = await post(
        ask('arn:aws:s3:::sandbox-analytics-raw/prod-audit-logs/*'),
      );
      expect(res.status).toBe(201);
      const grant: Grant = res.body;
      expect(grant.state).toBe('active');
      expect(grant.roleName).toMatch(/^sandbox-analytics-raw-/);
      expect(grant.roleName).not.toMatch(/prod-audit/);
      const policy = JSON.parse(
        [...iam.role(HOME, grant.roleName!).policies.values()][0],
      );
      expect(policy.Statement[0].Resource).toEqual([
        'arn:aws:s3:::sandbox-analytics-raw/prod-audit-logs/*',
      ]);
    });

    it('refuses a user whose entity is gone, instead of trusting the account fallback', async () => {
      const gone = 'user:default/deleted';
      const res = await post(ask(CATALOGUED_BUCKET), gone);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /^no AWS principal is known for you/,
      );
      const bare = await post(ask(BUCKET), PAT);
      expect(bare.status).toBe(403);
      expect(iam.calls).toEqual([]);
    });

    it('caps the requests one user may leave waiting, so an approver cannot be flooded', async () => {
      for (let i = 0; i < 3; i++) {
        const res = await post({
          ...ask(CATALOGUED_BUCKET),
          actions: [
            ['s3:PutObject', 's3:DeleteObject', 's3:PutObjectTagging'][i],
          ],
        });
        expect(res.status).toBe(201);
      }
      const fourth = await post({
        ...ask(CATALOGUED_BUCKET),
        actions: ['s3:AbortMultipartUpload'],
      });
      expect(fourth.status).toBe(409);
      expect(fourth.body.error.message).toMatch(
        /already have 3 requests waiting for approval/,
      );
      // Another user is not held up by Mallory's flood.
      const bobs = await post(
        { ...ask(CATALOGUED_BUCKET), actions: ['s3:PutObject'] },
        BOB,
      );
      expect(bobs.status).toBe(201);
    });

    it('caps live grants per user even when the requests arrive at once', async () => {
      const actions = [
        's3:GetObject',
        's3:GetObjectAcl',
        's3:GetObjectTagging',
        's3:GetObjectVersion',
        's3:GetObjectAttributes',
        's3:GetObjectRetention',
        's3:GetObjectLegalHold',
        's3:GetObjectTorrent',
        's3:GetObjectVersionAcl',
        's3:GetObjectVersionTagging',
      ];
      const answers = await Promise.all(
        actions.map(a => post({ ...ask(BUCKET), actions: [a] })),
      );
      const created = answers.filter(r => r.status === 201);
      expect(created).toHaveLength(6);
      for (const refused of answers.filter(r => r.status !== 201)) {
        expect(refused.status).toBe(409);
        // Counted in the database, or refused before, with as many waiting.
        expect(refused.body.error.message).toMatch(
          /already hold 6 live grants|as many as the 6 live grants/,
        );
      }
    });

    it('cannot chain extensions past the total lifetime', async () => {
      const res = await post({ ...ask(BUCKET), durationMinutes: 30 });
      const extend = (minutes: number) =>
        request(app)
          .post(`/grants/${res.body.id}/extend`)
          .set('authorization', as(MALLORY))
          .send({ durationMinutes: minutes });
      const first = await extend(60);
      expect(first.status).toBe(200);
      // 45 minutes from activation is the most, however it is asked for.
      const start = Date.parse(first.body.activatedAt);
      expect(Date.parse(first.body.expiresAt) - start).toBe(45 * 60_000);
      const refused = await extend(60);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/longest allowed/);
    });

    it.each([
      ['a right-to-left override', 'routine \u202Edevorppa'],
      ['only zero-width characters', '\u200B\u200D\uFEFF'],
      ['a NUL', 'ok\u0000'],
    ])('refuses a reason with %s', async (_, reason) => {
      const res = await post({ ...ask(BUCKET), reason });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^reason /);
    });
  });
});
