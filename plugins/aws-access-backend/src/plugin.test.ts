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

import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startAwsAccessTestBackend } from './__testUtils__/startAwsAccessTestBackend';

describe('awsAccessPlugin', () => {
  it('answers /health to callers without any credentials, and nothing else', async () => {
    const { server } = await startAwsAccessTestBackend({ anonymous: true });

    const health = await request(server).get('/api/aws-access/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });

    const accounts = await request(server).get('/api/aws-access/accounts');
    expect(accounts.status).toBe(401);
    const grants = await request(server).get('/api/aws-access/grants');
    expect(grants.status).toBe(401);
  });

  it('serves the API with the engine wired in', async () => {
    const { server } = await startAwsAccessTestBackend();

    const health = await request(server).get('/api/aws-access/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });

    const unauthenticated = await request(server)
      .get('/api/aws-access/accounts')
      .set('authorization', 'Bearer nope');
    expect(unauthenticated.status).toBe(401);

    const accounts = await request(server).get('/api/aws-access/accounts');
    expect(accounts.body.items).toEqual([
      {
        accountId: '123456789012',
        name: 'home',
        regions: ['us-east-1'],
        // The connection check runs on a schedule, after start.
        status: 'unknown',
        updateAvailable: false,
      },
    ]);

    const grants = await request(server).get('/api/aws-access/grants');
    expect(grants.body).toEqual({ items: [] });

    const bad = await request(server)
      .post('/api/aws-access/grants')
      .send({ resourceArn: 'nope' });
    expect(bad.status).toBe(400);
  });

  it('makes public only the signed template link, not the rest of onboarding', async () => {
    // Requests without a token stay unauthenticated, as from CloudFormation.
    const { server } = await startAwsAccessTestBackend({
      anonymous: true,
      config: {
        awsAccess: {
          accounts: [
            {
              accountId: '123456789012',
              name: 'home',
              regions: ['us-east-1'],
              externalId: 'ext-home',
            },
          ],
          onboarding: {
            backendPrincipalArn: 'arn:aws:iam::111122223333:role/b',
          },
        },
      },
    });
    const admin = mockCredentials.user.header('user:default/admin');

    const onboarding = await request(server)
      .get('/api/aws-access/onboarding/123456789012')
      .set('authorization', admin);
    expect(onboarding.status).toBe(200);
    const link = new URL(onboarding.body.templateUrl);

    const template = await request(server).get(link.pathname + link.search);
    expect(template.status).toBe(200);
    expect(template.text).toContain('BackstageAccessManager');

    for (const path of [
      '/api/aws-access/onboarding/123456789012',
      '/api/aws-access/onboarding/123456789012/template.yaml',
      '/api/aws-access/onboarding/999999999999/template.yaml',
      '/api/aws-access/grants',
    ]) {
      const res = await request(server).get(path);
      expect([path, res.status]).toEqual([
        path,
        path.endsWith('template.yaml') ? 404 : 401,
      ]);
    }
  });
});
