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
import { createNewAccountRouter } from './newAccountRouter';
import { testOnboarding } from './__testUtils__/onboardingFixtures';

const connected = '123456789012';
const fresh = '210987654321';

function makeApp() {
  const authorizeAdmin = jest.fn(async () => 'user:default/admin');
  const router = createNewAccountRouter({
    config: {
      accounts: [
        {
          accountId: connected,
          name: 'sandbox',
          regions: ['eu-west-1'],
          trustPrincipalArns: [],
        },
      ],
      rolePath: '/backstage-access/',
    },
    onboarding: testOnboarding,
    authorizeAdmin,
  });
  const app = express().use(router).use(mockErrorHandler());
  return {
    authorizeAdmin,
    prepare: (body: unknown) =>
      request(app)
        .post('/onboarding/new')
        .set('content-type', 'application/json')
        .send(JSON.stringify(body)),
  };
}

describe('POST /onboarding/new', () => {
  it('prepares an account, its region defaulting to us-east-1', async () => {
    const { prepare } = makeApp();
    const res = await prepare({ accountId: ` ${fresh} `, name: 'data: lake!' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      accountId: fresh,
      name: 'data lake',
      region: 'us-east-1',
      externalId: expect.stringMatching(/^backstage-[0-9a-f]{24}$/),
    });
    expect(parse(res.body.configYaml).awsAccess.accounts[0]).toMatchObject({
      accountId: fresh,
      name: 'data lake',
      regions: ['us-east-1'],
    });
  });

  it.each([
    [{}, /^accountId is required$/],
    [{ accountId: 123456789012 }, /^accountId must be a string$/],
    [{ accountId: '1234' }, /^accountId must be 12 digits$/],
    [{ accountId: fresh, region: 'mars-1' }, /^region must be an AWS region/],
    [{ accountId: fresh, name: ['a'] }, /^name must be a string$/],
    [{ accountId: fresh, owner: 'x' }, /unknown field\(s\): owner/],
    [[fresh], /expected object, received array/],
  ])('answers %j with a 400 naming the field', async (body, message) => {
    const { prepare } = makeApp();
    const res = await prepare(body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(message);
  });

  it('refuses an account that is connected already', async () => {
    const { prepare } = makeApp();
    const res = await prepare({ accountId: connected });
    expect(res.status).toBe(409);
  });

  it('refuses a caller who is no admin before reading the body', async () => {
    const { prepare, authorizeAdmin } = makeApp();
    authorizeAdmin.mockRejectedValueOnce(new NotAllowedError('admins only'));
    expect((await prepare({ accountId: 'x' })).status).toBe(403);
  });
});
