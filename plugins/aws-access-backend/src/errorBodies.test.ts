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
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import request from 'supertest';
import { startAwsAccessTestBackend } from './__testUtils__/startAwsAccessTestBackend';

/**
 * An unexpected failure inside the aws-access plugin's routes: a module adds
 * a route to the plugin's own router that fails as a bug would (a plain
 * Error, not one of @backstage/errors), so the answer is a 500 produced by
 * the same error handling every aws-access route goes through.
 */
const failingRoute = createBackendModule({
  pluginId: 'aws-access',
  moduleId: 'failing-route',
  register(reg) {
    reg.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = Router();
        router.get('/test-failure', async () => {
          throw new Error('connection refused at 10.0.0.7');
        });
        httpRouter.use(router);
      },
    });
  },
});

async function startWithFailingRoute() {
  return startAwsAccessTestBackend({
    features: [failingRoute],
    config: {
      awsAccess: {
        accounts: [
          { accountId: '123456789012', name: 'home', regions: ['us-east-1'] },
        ],
      },
    },
  });
}

describe('error bodies', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  async function failingRequest() {
    const { server } = await startWithFailingRoute();
    return request(server).get('/api/aws-access/test-failure');
  }

  it('carry no stack trace in production', async () => {
    process.env.NODE_ENV = 'production';
    const res = await failingRequest();

    expect(res.status).toBe(500);
    expect(res.body.error.message).toBe('connection refused at 10.0.0.7');
    expect(res.body.error).not.toHaveProperty('stack');
    expect(res.text).not.toMatch(/\.ts:\d+|node_modules|at \w+ \(/);
  });

  it('do in development, where the stack helps', async () => {
    process.env.NODE_ENV = 'development';
    const res = await failingRequest();

    expect(res.status).toBe(500);
    expect(res.body.error.stack).toEqual(expect.any(String));
  });
});
