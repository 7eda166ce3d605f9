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

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { awsAccessPlugin } from '../plugin';
import { ALL_ACTION_NAMES } from './__testUtils__/actionsTestApp';

/** The plugin with one account, behind Backstage's own actions registry. */
async function startWithActionsRegistry() {
  const { server } = await startTestBackend({
    features: [
      awsAccessPlugin,
      actionsRegistryServiceFactory,
      catalogServiceMock.factory(),
      mockServices.rootConfig.factory({
        data: {
          awsAccess: {
            catalog: { enabled: false },
            accounts: [
              {
                accountId: '123456789012',
                name: 'home',
                regions: ['us-east-1'],
              },
            ],
          },
        },
      }),
    ],
  });
  return server;
}

/** The plugin's actions behind Backstage's own actions registry, over HTTP. */
describe('aws-access actions in the actions registry', () => {
  it('serves the lifecycle actions to users and refuses bad input with a 400', async () => {
    const server = await startWithActionsRegistry();
    const base = '/api/aws-access/.backstage/actions/v1/actions';
    const alice = mockCredentials.user.header('user:default/alice');

    const list = await request(server).get(base).set('authorization', alice);
    expect(list.status).toBe(200);
    expect(list.body.actions.map((a: any) => a.id).sort()).toEqual(
      ALL_ACTION_NAMES.map(n => `aws-access:${n}`),
    );

    const mine = await request(server)
      .post(`${base}/aws-access:list-my-grants/invoke`)
      .set('authorization', alice)
      .send({});
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ output: { items: [] } });

    for (const body of [
      { resourceArn: 'nope' },
      {
        resourceArn: 'nope',
        actions: ['s3:GetObject'],
        durationMinutes: 5,
        reason: 'x',
      },
    ]) {
      const bad = await request(server)
        .post(`${base}/aws-access:request-access/invoke`)
        .set('authorization', alice)
        .send(body);
      expect(bad.status).toBe(400);
      expect(bad.body.error.name).toBe('InputError');
    }

    const missing = await request(server)
      .post(`${base}/aws-access:get-grant/invoke`)
      .set('authorization', alice)
      .send({ grantId: 'no-such-grant' });
    expect(missing.status).toBe(404);

    // A service is no requester.
    const service = await request(server)
      .post(`${base}/aws-access:preview-request/invoke`)
      .set('authorization', mockCredentials.service.header())
      .send({
        resourceArn: 'arn:aws:s3:::b',
        actions: ['s3:GetObject'],
        durationMinutes: 5,
        reason: 'x',
      });
    expect(service.status).toBe(403);
  });
});
