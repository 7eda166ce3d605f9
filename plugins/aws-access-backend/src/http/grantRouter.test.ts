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

import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { isRequester } from '../permissions';
import { RecordingProvisioner } from '../service/__testUtils__/RecordingProvisioner';
import {
  as,
  accessConfig,
  ALICE,
  BOB,
  BUCKET,
  CAROL,
  appPerTest,
  createTestApp,
  DAN,
  discoveredResource,
  HOME,
  OTHER,
  PAT,
  QUEUE,
  SHARED_BUCKET,
  TestAppOptions,
} from '../service/__testUtils__/testApp';
import { autoApprovedReads } from '../service/__testUtils__/testFixtures';

jest.setTimeout(60_000);

const valid = {
  resourceArn: BUCKET,
  actions: ['s3:GetObject', 's3:ListBucket'],
  durationMinutes: 60,
  reason: 'investigating a broken upload',
  accountId: HOME,
};

describe('createGrantRouter', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const t = appPerTest(databases, {
    entities: ['one-bucket', 'two-bucket', 'three-bucket'].map(name =>
      discoveredResource({
        name,
        arn: `arn:aws:s3:::${name}`,
        accountId: HOME,
      }),
    ),
  });

  it('lists accounts and the actions of a resource', async () => {
    const accounts = await request(t.app).get('/accounts');
    expect(accounts.body.items).toEqual([
      {
        accountId: HOME,
        name: 'home',
        regions: ['us-east-1'],
        // The connection check runs on a schedule, after start.
        status: 'unknown',
        updateAvailable: false,
      },
      {
        accountId: OTHER,
        name: 'other',
        regions: ['eu-west-1'],
        status: 'unknown',
        updateAvailable: false,
      },
    ]);
    const actions = await request(t.app)
      .get('/actions')
      .query({ resourceArn: BUCKET });
    expect(actions.status).toBe(200);
    expect(actions.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 's3:GetObject',
          accessLevel: 'Read',
        }),
      ]),
    );
  });

  it('creates, lists, shows, extends and revokes a grant', async () => {
    const created = await request(t.app)
      .post('/grants')
      .send({ ...valid, requester: undefined });
    expect(created.status).toBe(201);
    const grant: Grant = created.body;
    expect(grant).toMatchObject({
      state: 'active',
      requester: ALICE,
      resourceArn: BUCKET,
      resourceType: 's3:bucket',
      accountId: HOME,
      actions: ['s3:GetObject', 's3:ListBucket'],
      durationMinutes: 60,
      roleArn: expect.stringContaining(
        `arn:aws:iam::${HOME}:role/backstage-access/`,
      ),
      signInUrl: `https://signin.aws.amazon.com/switchrole?account=${HOME}&roleName=backstage-access/${grant.roleName}&displayName=${grant.roleName}`,
    });
    // The requester's own principal in the target account is trusted.
    const role = [...t.iam.roles.values()][0];
    expect(role.grantId).toBe(grant.id);
    expect(Date.parse(grant.expiresAt!) - Date.parse(grant.createdAt)).toBe(
      60 * 60_000,
    );

    const list = await request(t.app)
      .get('/grants')
      .query({ state: ['active', 'revoking'] });
    expect(list.body).toEqual({ items: [grant] });

    const shown = await request(t.app).get(`/grants/${grant.id}`);
    expect(shown.body.events.map((e: { type: string }) => e.type)).toEqual([
      'requested',
      'role-created',
      'activated',
    ]);

    const extended = await request(t.app)
      .post(`/grants/${grant.id}/extend`)
      .send({ durationMinutes: 120, reason: 'more time' });
    expect(extended.status).toBe(200);
    expect(Date.parse(extended.body.expiresAt)).toBeGreaterThan(
      Date.parse(grant.expiresAt!),
    );

    // An admin may revoke anybody's grant.
    const revoked = await request(t.app)
      .post(`/grants/${grant.id}/revoke`)
      .set('authorization', as(CAROL))
      .send({ reason: 'incident over' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('revoked');
    expect(revoked.body.signInUrl).toBeUndefined();
    expect(t.iam.roles.size).toBe(0);

    const again = await request(t.app)
      .post(`/grants/${grant.id}/revoke`)
      .send({});
    expect(again.status).toBe(200);
    expect(again.body.state).toBe('revoked');
  });

  it('answers 409 naming the existing grant for an identical live request', async () => {
    const first = await request(t.app).post('/grants').send(valid);
    const second = await request(t.app)
      .post('/grants')
      .send({ ...valid, actions: ['s3:ListBucket', 's3:GetObject'] });
    expect(second.status).toBe(409);
    expect(second.body.error.name).toBe('ConflictError');
    // The id is structured, for a link; the message speaks to people.
    expect(second.body.error.grantId).toBe(first.body.id);
    expect(second.body.error.message).toMatch(/already have this access/);
  });

  it('finds the account of an S3 bucket from the catalog, and trusts the requester there', async () => {
    const res = await request(t.app)
      .post('/grants')
      .send({
        ...valid,
        resourceArn: 'arn:aws:s3:::catalogued-bucket',
        accountId: undefined,
      });
    expect(res.status).toBe(201);
    expect(res.body.accountId).toBe(OTHER);
  });

  it('pages through grants newest first', async () => {
    for (const name of ['one-bucket', 'two-bucket', 'three-bucket']) {
      const res = await request(t.app)
        .post('/grants')
        .send({ ...valid, resourceArn: `arn:aws:s3:::${name}` });
      expect(res.status).toBe(201);
    }
    const page1 = await request(t.app).get('/grants').query({ limit: 2 });
    expect(page1.body.items.map((g: Grant) => g.resourceArn)).toEqual([
      'arn:aws:s3:::three-bucket',
      'arn:aws:s3:::two-bucket',
    ]);
    const page2 = await request(t.app)
      .get('/grants')
      .query({ limit: 2, cursor: page1.body.nextCursor });
    expect(page2.body).toEqual({
      items: [
        expect.objectContaining({ resourceArn: 'arn:aws:s3:::one-bucket' }),
      ],
    });
    const bobs = await request(t.app).get('/grants').query({ requester: BOB });
    expect(bobs.body.items).toEqual([]);
  });

  describe('refuses bad requests without calling IAM', () => {
    let existing: Grant;
    beforeEach(async () => {
      existing = (await request(t.app).post('/grants').send(valid)).body;
      t.iam.calls.length = 0;
    });

    const post = (body: unknown) => ({ method: 'post', path: '/grants', body });
    const create = (patch: object) => post({ ...valid, ...patch });
    type Case = {
      method?: string;
      path: string | ((id: string) => string);
      body?: unknown;
      raw?: string;
      user?: string;
      query?: object;
    };
    const cases: Array<[string, Case, number, RegExp]> = [
      [
        'malformed ARN',
        create({ resourceArn: 'not-an-arn' }),
        400,
        /^resourceArn: .not-an-arn. is not an ARN/,
      ],
      [
        'ARN with a wildcard',
        create({ resourceArn: 'arn:aws:s3:::bucket*' }),
        400,
        /resourceArn/,
      ],
      ['empty ARN', create({ resourceArn: '' }), 400, /resourceArn/],
      ['ARN not a string', create({ resourceArn: 42 }), 400, /resourceArn/],
      [
        'missing ARN',
        create({ resourceArn: undefined }),
        400,
        /resourceArn is required/,
      ],
      [
        'unknown account in the ARN',
        create({
          resourceArn: 'arn:aws:sqs:us-east-1:999999999999:q',
          accountId: undefined,
          actions: ['sqs:SendMessage'],
        }),
        400,
        /not a resource the catalog knows/,
      ],
      [
        'region not enabled',
        create({
          resourceArn: `arn:aws:sqs:eu-west-1:${HOME}:q`,
          accountId: undefined,
          actions: ['sqs:SendMessage'],
        }),
        400,
        /region eu-west-1 is not enabled/,
      ],
      [
        'accountId not configured',
        create({ accountId: '999999999999' }),
        400,
        /^accountId: arn:aws:s3:::granted-bucket does not exist in account 999999999999/,
      ],
      [
        'accountId not 12 digits',
        create({ accountId: '1234' }),
        400,
        /accountId must be 12 digits/,
      ],
      [
        'accountId contradicting the ARN',
        create({
          resourceArn: QUEUE,
          accountId: OTHER,
          actions: ['sqs:SendMessage'],
        }),
        400,
        /^accountId: .* does not exist in account 210987654321; it exists in 123456789012$/,
      ],
      [
        'uncatalogued bucket',
        create({
          resourceArn: 'arn:aws:s3:::unknown-bucket',
          accountId: undefined,
        }),
        400,
        /^resourceArn: .* is not a resource the catalog knows/,
      ],
      [
        'bucket catalogued in two accounts, no accountId',
        create({ resourceArn: SHARED_BUCKET, accountId: undefined }),
        400,
        /^accountId: .* exists in several accounts \(123456789012, 210987654321\)/,
      ],
      [
        'unknown action',
        create({ actions: ['s3:GetObjectz'] }),
        400,
        /actions.*s3:GetObjectz/,
      ],
      [
        "another service's action",
        create({ actions: ['ec2:StartInstances'] }),
        400,
        /actions.*ec2:StartInstances/,
      ],
      [
        'action not for this resource type',
        create({
          resourceArn: QUEUE,
          accountId: undefined,
          actions: ['sqs:SendMessage', 's3:GetObject'],
        }),
        400,
        /actions.*s3:GetObject/,
      ],
      [
        'service wildcard',
        create({ actions: ['s3:*'] }),
        400,
        /wildcards are not allowed/,
      ],
      ['star', create({ actions: ['*'] }), 400, /wildcards are not allowed/],
      [
        'partial wildcard',
        create({ actions: ['s3:Get*'] }),
        400,
        /wildcards are not allowed/,
      ],
      ['no actions', create({ actions: [] }), 400, /at least one action/],
      [
        'actions missing',
        create({ actions: undefined }),
        400,
        /actions is required/,
      ],
      ['actions not strings', create({ actions: [1] }), 400, /actions/],
      [
        'too many actions',
        create({ actions: Array.from({ length: 51 }, (_, i) => `s3:A${i}`) }),
        400,
        /at most 50 actions/,
      ],
      [
        'duration 0',
        create({ durationMinutes: 0 }),
        400,
        /durationMinutes must be at least 1/,
      ],
      [
        'duration -1',
        create({ durationMinutes: -1 }),
        400,
        /durationMinutes must be at least 1/,
      ],
      [
        'duration 1e9',
        create({ durationMinutes: 1e9 }),
        400,
        /durationMinutes must be at most 720/,
      ],
      [
        'duration 1.5',
        create({ durationMinutes: 1.5 }),
        400,
        /durationMinutes must be a whole number/,
      ],
      [
        'duration as a string',
        create({ durationMinutes: '60' }),
        400,
        /durationMinutes must be a number/,
      ],
      [
        'duration over the maximum',
        create({ durationMinutes: 721 }),
        400,
        /durationMinutes must be at most 720/,
      ],
      [
        'duration missing',
        create({ durationMinutes: undefined }),
        400,
        /durationMinutes is required/,
      ],
      [
        'reason missing',
        create({ reason: undefined }),
        400,
        /reason is required/,
      ],
      ['reason blank', create({ reason: '   ' }), 400, /reason is required/],
      [
        'reason too long',
        create({ reason: 'x'.repeat(501) }),
        400,
        /reason must be at most 500/,
      ],
      [
        'requester in the body',
        create({ requester: BOB }),
        400,
        /unknown field\(s\): requester/,
      ],
      [
        'unknown field',
        create({ roleName: 'admin' }),
        400,
        /unknown field\(s\): roleName/,
      ],
      ['body is an array', post([valid]), 400, /object/],
      [
        'malformed JSON',
        { method: 'post', path: '/grants', raw: '{"resourceArn":' },
        400,
        /JSON|Unexpected|Expected/,
      ],
      ['huge body', create({ reason: 'x'.repeat(100_000) }), 413, /too large/],
      [
        'no AWS principal for the requester',
        { ...create({}), user: PAT },
        403,
        /^no AWS principal is known for you: .*principal-arn/,
      ],
      [
        'revoke of an unknown grant',
        {
          method: 'post',
          path: '/grants/00000000-0000-4000-8000-000000000000/revoke',
          body: {},
        },
        404,
        /no grant with id/,
      ],
      [
        "revoke of someone else's grant",
        {
          method: 'post',
          path: id => `/grants/${id}/revoke`,
          body: {},
          user: BOB,
        },
        403,
        /you may not (revoke|extend) grant/,
      ],
      [
        'revoke with an unknown field',
        {
          method: 'post',
          path: id => `/grants/${id}/revoke`,
          body: { force: true },
        },
        400,
        /unknown field\(s\): force/,
      ],
      [
        'extend beyond the maximum',
        {
          method: 'post',
          path: id => `/grants/${id}/extend`,
          body: { durationMinutes: 721 },
        },
        400,
        /durationMinutes must be at most 720/,
      ],
      [
        'extend without a duration',
        { method: 'post', path: id => `/grants/${id}/extend`, body: {} },
        400,
        /durationMinutes is required/,
      ],
      [
        "extend of someone else's grant",
        {
          method: 'post',
          path: id => `/grants/${id}/extend`,
          body: { durationMinutes: 120 },
          user: BOB,
        },
        403,
        /you may not (revoke|extend) grant/,
      ],
      [
        'extend of an unknown grant',
        {
          method: 'post',
          path: '/grants/nope/extend',
          body: { durationMinutes: 120 },
        },
        404,
        /no grant with id nope/,
      ],
      [
        'get of an unknown grant',
        { method: 'get', path: '/grants/nope' },
        404,
        /no grant with id nope/,
      ],
      [
        'list with a bad state',
        { method: 'get', path: '/grants', query: { state: 'bogus' } },
        400,
        /^state must be one of pending, provisioning, /,
      ],
      [
        'list with limit 0',
        { method: 'get', path: '/grants', query: { limit: 0 } },
        400,
        /limit must be at least 1/,
      ],
      [
        'list with a huge limit',
        { method: 'get', path: '/grants', query: { limit: 100000 } },
        400,
        /limit must be at most/,
      ],
      [
        'list with a bad cursor',
        { method: 'get', path: '/grants', query: { cursor: 'garbage' } },
        400,
        /cursor is not valid/,
      ],
      [
        'list with an unknown parameter',
        { method: 'get', path: '/grants', query: { owner: 'x' } },
        400,
        /unknown field\(s\): owner/,
      ],
      [
        'actions without an ARN',
        { method: 'get', path: '/actions' },
        400,
        /^resourceArn is required/,
      ],
      [
        'actions of two ARNs at once',
        {
          method: 'get',
          path: '/actions',
          query: { resourceArn: [BUCKET, BUCKET] },
        },
        400,
        /^resourceArn must be a string/,
      ],
      [
        'actions with an unknown parameter',
        {
          method: 'get',
          path: '/actions',
          query: { resourceArn: BUCKET, x: 1 },
        },
        400,
        /unknown field\(s\): x/,
      ],
      [
        'actions of a bad ARN',
        { method: 'get', path: '/actions', query: { resourceArn: 'nope' } },
        400,
        /resourceArn/,
      ],
    ];

    it.each(cases)('%s', async (_name, c, status, message) => {
      const path = typeof c.path === 'function' ? c.path(existing.id) : c.path;
      let req =
        c.method === 'get'
          ? request(t.app).get(path)
          : request(t.app).post(path);
      if (c.user) req = req.set('authorization', as(c.user));
      if (c.query) req = req.query(c.query);
      let res: request.Response;
      if (c.raw) {
        res = await req.set('content-type', 'application/json').send(c.raw);
      } else if (c.body !== undefined) {
        res = await req.send(c.body as object);
      } else {
        res = await req;
      }
      expect(res.status).toBe(status);
      expect(res.body.error?.message).toMatch(message);
      expect(t.iam.calls).toEqual([]);
    });
  });

  it('decides on grants with the rules the plugin registers', async () => {
    const created = await request(t.app).post('/grants').send(valid);
    const own = () => request(t.app).get(`/grants/${created.body.id}`);
    expect((await own()).status).toBe(200);
    // The policy's IS_REQUESTER condition is resolved by the rule in the
    // permissions registry: broken there, Alice loses her own grant.
    const broken = jest.spyOn(isRequester, 'apply').mockReturnValue(false);
    try {
      expect((await own()).status).toBe(403);
    } finally {
      broken.mockRestore();
    }
  });
});

describe('createGrantRouter reads each grant once per request', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  /** Writes (PutObject) in the home account need one security member. */
  const config = {
    awsAccess: {
      ...accessConfig.awsAccess,
      approval: {
        rules: [
          autoApprovedReads(HOME),
          { accountIds: [HOME], approvers: 'groups', groups: ['security'] },
        ],
      },
    },
  };
  const write = { ...valid, actions: ['s3:PutObject'], reason: 'fix data' };

  /**
   * The app, with the grant reads the router and the service make counted:
   * reads inside an engine call are the engine's (it re-reads under its own
   * conditions), so they are left out, and so are the outbox's batch reads
   * (`getGrants`), which deliver the request's events after it committed.
   */
  const setUp = async (
    permissions: Pick<TestAppOptions, 'permissions'> = {},
  ) => {
    const test = await createTestApp({
      provisioner: new RecordingProvisioner(),
      knex: await databases.init('SQLITE_3'),
      config,
      ...permissions,
    });
    const reads: string[] = [];
    const engineCalls = { depth: 0 };
    const engine = test.engine as unknown as Record<
      string,
      (...args: unknown[]) => Promise<unknown>
    >;
    const counted =
      (original: (...args: unknown[]) => Promise<unknown>) =>
      async (...args: unknown[]) => {
        engineCalls.depth += 1;
        try {
          return await original(...args);
        } finally {
          engineCalls.depth -= 1;
        }
      };
    for (const method of ['cancel', 'revoke', 'reject', 'extend', 'drive']) {
      engine[method] = counted(engine[method].bind(engine));
    }
    const getGrant = test.store.getGrant.bind(test.store);
    jest.spyOn(test.store, 'getGrant').mockImplementation(async id => {
      if (engineCalls.depth === 0) reads.push(id);
      return getGrant(id);
    });
    const create = async (body: object) => {
      const res = await request(test.app).post('/grants').send(body);
      expect(res.status).toBe(201);
      reads.length = 0;
      return res.body as Grant;
    };
    return { ...test, reads, create };
  };

  it.each([
    ['show', 'get', '', 200],
    ['extend', 'post', '/extend', 200],
    ['revoke', 'post', '/revoke', 200],
  ] as const)(
    '%s of an active grant',
    async (_name, method, suffix, status) => {
      const { app, reads, create } = await setUp();
      const grant = await create(valid);
      const req =
        method === 'get'
          ? request(app).get(`/grants/${grant.id}`)
          : request(app)
              .post(`/grants/${grant.id}${suffix}`)
              .send(suffix === '/extend' ? { durationMinutes: 30 } : {});
      const res = await req;
      expect(res.status).toBe(status);
      expect(res.body.id).toBe(grant.id);
      expect(reads).toEqual([grant.id]);
    },
  );

  it.each(['approve', 'reject'])('%s of a pending grant', async verb => {
    const { app, reads, create } = await setUp();
    const grant = await create(write);
    expect(grant.state).toBe('pending');
    const res = await request(app)
      .post(`/grants/${grant.id}/${verb}`)
      .set('authorization', as(DAN))
      .send({ comment: 'ok' });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe(verb === 'approve' ? 'active' : 'rejected');
    expect(reads).toEqual([grant.id]);
  });

  it('cancel of a pending grant', async () => {
    const { app, reads, create } = await setUp();
    const grant = await create(write);
    const res = await request(app).post(`/grants/${grant.id}/cancel`).send({});
    expect(res.body.state).toBe('cancelled');
    expect(reads).toEqual([grant.id]);
  });

  it('refuses a denied caller with 403 before reading the grant', async () => {
    // Allowed to request the grant, then denied everything.
    let result: AuthorizeResult.ALLOW | AuthorizeResult.DENY =
      AuthorizeResult.ALLOW;
    const decide = async (requests: unknown[]) =>
      requests.map(() => ({ result }));
    const { app, reads, create } = await setUp({
      permissions: mockServices.permissions.mock({
        authorize: decide,
        authorizeConditional: decide,
      }),
    });
    const grant = await create(valid);
    result = AuthorizeResult.DENY;
    const revoke = await request(app)
      .post(`/grants/${grant.id}/revoke`)
      .send({});
    expect(revoke.status).toBe(403);
    const show = await request(app).get(`/grants/${grant.id}`);
    expect(show.status).toBe(403);
    // Unknown ids answer the same: a denied caller learns nothing.
    const unknown = await request(app).get('/grants/no-such-grant');
    expect(unknown.status).toBe(403);
    expect(reads).toEqual([]);
  });

  it("refuses someone else's grant after one read, and leaves it as it was", async () => {
    const { app, reads, create, store } = await setUp();
    const grant = await create(valid);
    const res = await request(app)
      .post(`/grants/${grant.id}/revoke`)
      .set('authorization', as(BOB))
      .send({});
    expect(res.status).toBe(403);
    expect(reads).toEqual([grant.id]);
    expect((await store.getGrant(grant.id))?.state).toBe('active');
  });

  it('refuses a bad body before reading the grant', async () => {
    const { app, reads, create } = await setUp();
    const grant = await create(valid);
    const res = await request(app)
      .post(`/grants/${grant.id}/extend`)
      .send({ durationMinutes: 'long' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/durationMinutes/);
    expect(reads).toEqual([]);
  });
});
