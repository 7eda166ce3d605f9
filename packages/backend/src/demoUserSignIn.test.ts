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

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { authModuleDemoUserProvider } from './demoUserSignIn';

const user = (name: string, displayName: string, memberOf: string[]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { displayName }, memberOf },
  relations: memberOf.map(group => ({
    type: 'memberOf',
    targetRef: `group:default/${group}`,
  })),
});

const entities = [
  user('alice', 'Alice Admin', ['platform-team', 'team-payments']),
  user('bob', 'Bob Builder', ['team-data']),
];

/** Reads the claims of a Backstage token without checking its signature. */
function claims(token: string): { sub: string; ent: string[] } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

async function startAuth(providers: {
  [providerId: string]: { [key: string]: string };
}) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      authModuleDemoUserProvider,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers },
        },
      }),
    ],
  });
  return server;
}

/** The demo sign-in, as the sign-in page calls it for `userName` (none: no header). */
function signIn(
  server: Awaited<ReturnType<typeof startAuth>>,
  userName?: string,
) {
  const refresh = request(server).get('/api/auth/demo/refresh');
  return userName === undefined
    ? refresh
    : refresh.set('x-demo-user', userName);
}

describe('authModuleDemoUserProvider', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('signs in as the chosen catalog user, with their groups and profile', async () => {
    const server = await startAuth({ demo: {} });

    const res = await signIn(server, 'alice');

    expect(res.status).toBe(200);
    expect(res.body.profile).toEqual({ displayName: 'Alice Admin' });
    expect(res.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/alice',
      ownershipEntityRefs: expect.arrayContaining([
        'user:default/alice',
        'group:default/platform-team',
        'group:default/team-payments',
      ]),
    });
    expect(claims(res.body.backstageIdentity.token).sub).toBe(
      'user:default/alice',
    );

    // The query parameter works too, for scripts and end-to-end tests.
    const bob = await request(server).get('/api/auth/demo/refresh?user=bob');
    expect(bob.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/bob',
    );
  });

  it('refuses users that are not in the catalog, and bad names', async () => {
    const server = await startAuth({ demo: {} });

    const unknown = await signIn(server, 'mallory');
    expect(unknown.status).toBe(404);
    expect(unknown.body.backstageIdentity).toBeUndefined();

    const missing = await signIn(server);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/x-demo-user/);

    const invalid = await request(server).get(
      '/api/auth/demo/refresh?user=../admin',
    );
    expect(invalid.status).toBe(400);
  });

  it('is off unless auth.providers.demo is configured', async () => {
    const server = await startAuth({ guest: {} });
    const res = await signIn(server, 'alice');
    expect(res.status).toBe(404);
  });

  it.each([['production'], ['staging'], [undefined]])(
    'refuses every sign-in when NODE_ENV is %s',
    async value => {
      if (value === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = value;
      const server = await startAuth({ demo: {} });
      const res = await signIn(server, 'alice');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/development only/);
    },
  );
});
