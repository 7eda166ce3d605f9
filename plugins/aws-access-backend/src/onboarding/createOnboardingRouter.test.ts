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

import { mockErrorHandler } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { parse } from 'yaml';
import { MANAGER_ROLE_NAME, TEMPLATE_VERSION } from './accessRoles';
import {
  OnboardingRouterOptions,
  createOnboardingRouter,
} from './createOnboardingRouter';
import { createTemplateLinkSigner } from './templateLinks';
import type { OffboardingRecord } from '../offboarding/OffboardingStore';
import { testOnboarding } from './__testUtils__/onboardingFixtures';

const KEY = Buffer.from('k'.repeat(32));
/** The test clock, in milliseconds; tests move it. */
let clock = Date.UTC(2026, 11, 1, 9, 0, 0);

const sandbox = {
  accountId: '123456789012',
  name: 'sandbox',
  regions: ['eu-west-1'],
  externalId: 'ext-sandbox',
  trustPrincipalArns: [],
};
const noExternalId = {
  ...sandbox,
  accountId: '210987654321',
  externalId: undefined,
};

async function makeApp(overrides: Partial<OnboardingRouterOptions> = {}) {
  const offboardings = new Map<string, OffboardingRecord>();
  const offboarding = {
    request: jest.fn(async (accountId: string, actor: string) => {
      const record: OffboardingRecord = {
        accountId,
        state: 'requested',
        requestedBy: actor,
        requestedAt: new Date(clock),
        revokedGrants: 0,
      };
      offboardings.set(accountId, record);
      return record;
    }),
    get: async (accountId: string) => offboardings.get(accountId),
  };
  const authorizeAdmin = jest.fn(async (req: express.Request) => {
    if (req.header('x-admin') !== 'yes') {
      throw new NotAllowedError('Only aws-access admins may do this');
    }
    return 'user:default/admin';
  });
  const router = await createOnboardingRouter({
    config: {
      accounts: [sandbox, noExternalId],
      rolePath: '/backstage-access/',
    },
    onboarding: testOnboarding,
    discovery: {
      getExternalBaseUrl: async () =>
        'https://backstage.example.com/api/aws-access',
    },
    authorizeAdmin,
    offboarding,
    templateLinks: createTemplateLinkSigner(
      async () => KEY,
      () => clock,
    ),
    now: () => clock,
    ...overrides,
  });
  const app = express().use(express.json()).use(router).use(mockErrorHandler());
  return { app, offboarding, offboardings };
}

/** A request from an admin: the test's `authorizeAdmin` lets `x-admin: yes` in. */
const asAdmin = (app: express.Express, method: 'get' | 'post', path: string) =>
  request(app)[method](path).set('x-admin', 'yes');

/** GET an account's template through a link signed as the router signs them. */
async function getWithSignedLink(app: express.Express, accountId: string) {
  const { expires, sig } = await createTemplateLinkSigner(async () => KEY).sign(
    accountId,
    Math.floor(clock / 1000) + 60,
  );
  return request(app)
    .get(`/onboarding/${accountId}/template.yaml`)
    .query({ expires, sig });
}

describe('createOnboardingRouter', () => {
  it('gives admins the template, the quick-create link and the roles of an account', async () => {
    const { app } = await makeApp();
    const res = await asAdmin(app, 'get', '/onboarding/123456789012');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      accountId: '123456789012',
      stackName: 'backstage-access',
      templateVersion: TEMPLATE_VERSION,
      templateUrl: expect.stringMatching(
        /^https:\/\/backstage\.example\.com\/api\/aws-access\/onboarding\/123456789012\/template\.yaml\?expires=\d+&sig=[0-9a-f]{64}$/,
      ),
    });
    const link = new URL(res.body.quickCreateUrl);
    expect(link.origin + link.pathname).toBe(
      'https://console.aws.amazon.com/cloudformation/home',
    );
    expect(link.searchParams.get('region')).toBe('eu-west-1');
    const fragment = new URLSearchParams(link.hash.split('?')[1]);
    expect(link.hash.startsWith('#/stacks/quickcreate?')).toBe(true);
    expect(fragment.get('templateURL')).toBe(res.body.templateUrl);
    expect(fragment.get('stackName')).toBe('backstage-access');
    expect(fragment.get('param_ExternalId')).toBe('ext-sandbox');

    const template = parse(res.body.templateYaml);
    expect(Object.keys(template.Resources)).toEqual([
      'BackstageAccessGrantBoundary',
      'BackstageAccessManager',
      'BackstageAccessReader',
    ]);
    // The external id is a parameter, never baked into the template.
    expect(res.body.templateYaml).not.toContain('ext-sandbox');
    expect(res.body.roles.map((r: { name: string }) => r.name)).toEqual([
      'BackstageAccessManager',
      'BackstageAccessReader',
    ]);
    expect(JSON.stringify(res.body.roles[0].policy)).toContain(
      'arn:aws:iam::123456789012:role/backstage-access/*',
    );
  });

  it('uses the configured template URL (an S3 object) when set', async () => {
    const { app } = await makeApp({
      onboarding: {
        stackName: 'backstage-access',
        templateUrl:
          'https://bucket.s3.amazonaws.com/backstage/{accountId}.yaml',
        trust: {
          type: 'iam-principal',
          principalArn: 'arn:aws:iam::111122223333:role/backstage',
        },
      },
    });
    const res = await asAdmin(app, 'get', '/onboarding/123456789012');
    expect(res.body.templateUrl).toBe(
      'https://bucket.s3.amazonaws.com/backstage/123456789012.yaml',
    );
  });

  it('refuses non-admins, unknown accounts and accounts without an external id', async () => {
    const { app } = await makeApp();
    expect((await request(app).get('/onboarding/123456789012')).status).toBe(
      403,
    );
    const unknown = await asAdmin(app, 'get', '/onboarding/999999999999');
    expect(unknown.status).toBe(404);
    const conflict = await asAdmin(app, 'get', '/onboarding/210987654321');
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toContain('externalId');
  });

  it('answers 409 naming the config keys when no backend identity is configured', async () => {
    const { app } = await makeApp({
      onboarding: { stackName: 'backstage-access' },
    });
    const res = await getWithSignedLink(app, '123456789012');
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(
      'awsAccess.onboarding.backendPrincipalArn',
    );
  });

  /** The template link the admin endpoint hands out, as a path with its query. */
  async function signedTemplatePath(app: express.Express, accountId: string) {
    const res = await asAdmin(app, 'get', `/onboarding/${accountId}`);
    const url = new URL(res.body.templateUrl);
    return {
      path: url.pathname.replace('/api/aws-access', ''),
      expires: url.searchParams.get('expires')!,
      sig: url.searchParams.get('sig')!,
    };
  }

  it('serves the template only for a link the admin endpoint signed, and only until it expires', async () => {
    const { app } = await makeApp();
    const link = await signedTemplatePath(app, '123456789012');
    const get = (path: string, query: object) =>
      request(app).get(path).query(query);

    const ok = await get(link.path, { expires: link.expires, sig: link.sig });
    expect(ok.status).toBe(200);

    const attempts = [
      // Probing for accounts: a configured one and an unknown one, unsigned.
      await get('/onboarding/123456789012/template.yaml', {}),
      await get('/onboarding/999999999999/template.yaml', {}),
      // The sandbox's signature reused for another account.
      await get('/onboarding/210987654321/template.yaml', {
        expires: link.expires,
        sig: link.sig,
      }),
      // A later expiry with the old signature.
      await get(link.path, {
        expires: String(Number(link.expires) + 3600),
        sig: link.sig,
      }),
      await get(link.path, { expires: link.expires, sig: '0'.repeat(64) }),
      await get(link.path, { expires: link.expires, sig: 'nothex' }),
    ];
    clock += 61 * 60 * 1000;
    attempts.push(
      await get(link.path, { expires: link.expires, sig: link.sig }),
    );

    // One answer for all: nothing tells an unknown account from a bad link.
    for (const res of attempts) {
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({
        name: 'NotFoundError',
        message: 'Not found',
      });
    }
  });

  it('does not tell a signed link for an account that is no longer configured from a bad one', async () => {
    const { app } = await makeApp();
    const res = await getWithSignedLink(app, '999999999999');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('Not found');
  });

  it('serves the template itself as YAML without admin rights, for CloudFormation to fetch', async () => {
    const { app } = await makeApp();
    const link = await signedTemplatePath(app, '123456789012');
    const res = await request(app)
      .get(link.path)
      .query({ expires: link.expires, sig: link.sig });
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/x-yaml');
    const template = parse(res.text);
    expect(
      template.Resources[MANAGER_ROLE_NAME].Properties.AssumeRolePolicyDocument
        .Statement[0].Principal,
    ).toEqual({ AWS: 'arn:aws:iam::111122223333:role/backstage' });
  });

  it('offboards: records the request as the admin, answers 202 at once and says what to poll', async () => {
    const { app, offboarding, offboardings } = await makeApp();
    expect(
      (await request(app).post('/accounts/123456789012/offboard')).status,
    ).toBe(403);
    expect(offboarding.request).not.toHaveBeenCalled();
    expect(
      (await request(app).get('/accounts/123456789012/offboard')).status,
    ).toBe(403);

    const res = await asAdmin(app, 'post', '/accounts/123456789012/offboard');
    expect(res.status).toBe(202);
    expect(offboarding.request).toHaveBeenCalledWith(
      '123456789012',
      'user:default/admin',
    );
    expect(res.body).toMatchObject({
      accountId: '123456789012',
      state: 'requested',
      revokedGrants: 0,
      statusPath: '/accounts/123456789012/offboard',
      requestedBy: 'user:default/admin',
    });
    expect(res.body.instructions).toContain(
      'delete the CloudFormation stack "backstage-access"',
    );
    expect(res.body.stacksUrl).toContain('region=eu-west-1');

    // The task's progress, as the admin polls it.
    offboardings.set('123456789012', {
      ...offboardings.get('123456789012')!,
      state: 'done',
      revokedGrants: 3,
      remainingGrants: 0,
      finishedAt: new Date(clock),
    });
    const polled = await asAdmin(app, 'get', '/accounts/123456789012/offboard');
    expect(polled.body).toMatchObject({ state: 'done', revokedGrants: 3 });
    expect(polled.body.instructions).toMatch(
      /^Revoked 3 grant\(s\). To finish, delete the CloudFormation stack/,
    );

    for (const method of ['post', 'get'] as const) {
      const unknown = await asAdmin(
        app,
        method,
        '/accounts/999999999999/offboard',
      );
      expect(unknown.status).toBe(404);
    }
    const never = await asAdmin(app, 'get', '/accounts/210987654321/offboard');
    expect(never.status).toBe(404);
  });
});
