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
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import signalsPlugin from '@backstage/plugin-signals-backend';
import {
  signalsServiceRef,
  type SignalsService,
} from '@backstage/plugin-signals-node';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GRANT_SIGNAL_CHANNEL } from '@backstage-aws-access/plugin-aws-access-common';

jest.setTimeout(30_000);

/** What the real signals backend sends, and to whom: the demo's wiring. */
async function startSignals() {
  // One bus for the publisher and the signals backend, as in the real backend.
  const events = mockServices.events();
  let signals: SignalsService | undefined;
  const publisher = createBackendPlugin({
    pluginId: 'publisher',
    register(env) {
      env.registerInit({
        deps: { signalsService: signalsServiceRef },
        async init({ signalsService }) {
          signals = signalsService;
        },
      });
    },
  });
  const groups: Record<string, string[]> = {
    'user:default/bob': ['group:default/team-data'],
  };
  const backend = await startTestBackend({
    features: [
      signalsPlugin,
      publisher,
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => events,
      }),
      // Browsers send the Backstage token as the WebSocket subprotocol, which
      // must be a plain word: `user-<name>` stands for that user's token.
      createServiceFactory({
        service: coreServices.auth,
        deps: {},
        factory: () => {
          const auth = mockServices.auth();
          return Object.assign(Object.create(auth), {
            async authenticate(token: string) {
              const name = /^user-([a-z]+)$/.exec(token)?.[1];
              if (!name) throw new Error('bad token');
              return mockCredentials.user(`user:default/${name}`);
            },
          });
        },
      }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          async getUserInfo(credentials: any) {
            const ref = credentials.principal.userEntityRef;
            return {
              userEntityRef: ref,
              ownershipEntityRefs: [ref, ...(groups[ref] ?? [])],
            };
          },
        }),
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  // The signals router hooks WebSocket upgrades on the first HTTP request.
  await new Promise<void>(resolve => {
    const req = http.get(
      `http://localhost:${port}/api/signals/health`,
      { headers: { connection: 'upgrade', upgrade: 'websocket' } },
      res => {
        res.resume();
        resolve();
      },
    );
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve();
    });
    req.on('error', () => resolve());
    req.setTimeout(3000, () => {
      req.destroy();
      resolve();
    });
  });
  return {
    backend,
    port,
    publish: (...a: Parameters<SignalsService['publish']>) =>
      signals!.publish(...a),
  };
}

async function connect(port: number, token?: string) {
  const received: unknown[] = [];
  const socket = token
    ? new WebSocket(`ws://localhost:${port}/api/signals`, token)
    : new WebSocket(`ws://localhost:${port}/api/signals`);
  socket.onmessage = message => received.push(JSON.parse(String(message.data)));
  await new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error('WebSocket did not open'));
    setTimeout(() => reject(new Error('WebSocket timed out')), 5000);
  });
  socket.send(
    JSON.stringify({ action: 'subscribe', channel: GRANT_SIGNAL_CHANNEL }),
  );
  return { socket, received };
}

/** Waits until `check` holds, for at most five seconds. */
async function until(check: () => boolean) {
  for (let i = 0; i < 50 && !check(); i++) {
    await new Promise(r => setTimeout(r, 100));
  }
  expect(check()).toBe(true);
}

describe('grant signals through the real signals backend', () => {
  it('reach the addressed users and group members, and no socket without a token', async () => {
    const { backend, port, publish } = await startSignals();
    try {
      const anonymous = await connect(port);
      const alice = await connect(port, 'user-alice');
      const bob = await connect(port, 'user-bob');
      const carol = await connect(port, 'user-carol');
      // The server reads each socket's subscribe message first.
      await new Promise(r => setTimeout(r, 500));

      await publish({
        recipients: {
          type: 'user',
          entityRef: ['user:default/alice', 'group:default/team-data'],
        },
        channel: GRANT_SIGNAL_CHANNEL,
        message: { grantId: 'g1', type: 'requested' },
      });
      await until(
        () => alice.received.length === 1 && bob.received.length === 1,
      );
      // Sent in the same pass as the two above, if at all.
      await new Promise(r => setTimeout(r, 200));

      const signal = {
        channel: GRANT_SIGNAL_CHANNEL,
        message: { grantId: 'g1', type: 'requested' },
      };
      expect(alice.received).toEqual([signal]);
      expect(bob.received).toEqual([signal]);
      expect(carol.received).toEqual([]);
      expect(anonymous.received).toEqual([]);

      // Why the signals outbox receiver never addresses user:default/guest:
      // the signals backend gives every socket without a token that identity.
      await publish({
        recipients: { type: 'user', entityRef: ['user:default/guest'] },
        channel: GRANT_SIGNAL_CHANNEL,
        message: { grantId: 'g2', type: 'activated' },
      });
      await until(() => anonymous.received.length === 1);

      for (const s of [anonymous, alice, bob, carol]) s.socket.close();
    } finally {
      await backend.stop();
    }
  });
});
