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
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  GRANT_EVENTS_TOPIC,
  type Grant,
  type GrantChangedEvent,
  type GrantEventType,
} from '@backstage-aws-access/plugin-aws-access-common';
import { resourceEntityName } from '@backstage-aws-access/plugin-aws-access-node';
import Router from 'express-promise-router';
import { activeGrant, BUCKET_ARN } from './__testUtils__/activeGrant';
import { startCatalogBackend } from './__testUtils__/startCatalogBackend';

jest.setTimeout(60_000);

/**
 * Stands in for the aws-access plugin's REST API: serves `grants`, two per
 * page, to exercise the cursor.
 */
function fakeAwsAccessPlugin(grants: Grant[]) {
  return createBackendPlugin({
    pluginId: 'aws-access',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          const router = Router();
          router.get('/grants', (req, res) => {
            const states = [req.query.state].flat();
            const matching = grants.filter(g => states.includes(g.state));
            const start = Number(req.query.cursor ?? 0);
            const end = start + 2;
            res.json({
              items: matching.slice(start, end),
              nextCursor: end < matching.length ? String(end) : undefined,
            });
          });
          httpRouter.use(router);
        },
      });
    },
  });
}

async function startBackend(grants: Grant[]) {
  // One in-memory events bus for all plugins, as the real events service is
  // (the default test mock gives each plugin its own).
  const events = mockServices.events();
  const publish = async (changed: Grant, type: GrantEventType) => {
    const payload: GrantChangedEvent = { grant: changed, type };
    await events.publish({ topic: GRANT_EVENTS_TOPIC, eventPayload: payload });
  };
  const { backend, scheduler, waitForEntities } = await startCatalogBackend({
    awsAccess: { accounts: [] },
    features: [
      fakeAwsAccessPlugin(grants),
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => events,
      }),
    ],
  });
  const waitFor = (check: (entities: Entity[]) => boolean) =>
    waitForEntities('spec.type=aws-access-grant', check);
  const names = (entities: Entity[]) =>
    entities.map(e => e.metadata.name).sort();
  const runFullRefresh = () =>
    scheduler.triggerTask('aws-access-grants:refresh');
  return { backend, publish, waitFor, names, runFullRefresh };
}

describe('catalogModuleAwsAccess grant entities (real catalog backend)', () => {
  it('adds a grant entity when the grant becomes active and removes it on revoke and expiry', async () => {
    // The periodic refresh never runs here: what happens is driven by the
    // events alone.
    const { backend, publish, waitFor, names } = await startBackend([]);
    try {
      const g1 = activeGrant('g1');
      const g2 = activeGrant('g2', { requester: 'user:default/sam' });

      await publish({ ...g1, state: 'provisioning' }, 'approved');
      await publish(g1, 'activated');
      await publish(g2, 'activated');
      const entities = await waitFor(e => e.length === 2);
      expect(names(entities)).toEqual(['grant-g1', 'grant-g2']);

      const entity = entities.find(e => e.metadata.name === 'grant-g1')!;
      expect(entity.spec).toEqual({
        type: 'aws-access-grant',
        owner: 'user:default/jane',
        dependsOn: [`resource:default/${resourceEntityName(BUCKET_ARN)}`],
      });
      expect(entity.metadata.annotations).toMatchObject({
        'aws-access/grant-id': 'g1',
        'aws-access/role-arn': g1.roleArn,
        'aws-access/expires-at': g1.expiresAt,
        'aws.amazon.com/account-id': '123456789012',
      });
      expect(entity.metadata.annotations).not.toHaveProperty(
        'aws.amazon.com/arn',
      );
      expect(JSON.stringify(entity)).not.toContain(g1.reason);
      expect(JSON.stringify(entity)).not.toContain('switchrole');

      await publish({ ...g1, state: 'revoked' }, 'revoked');
      expect(names(await waitFor(e => e.length === 1))).toEqual(['grant-g2']);

      await publish({ ...g2, state: 'expired' }, 'expired');
      await waitFor(e => e.length === 0);
    } finally {
      await backend.stop();
    }
  });

  it('repairs missed events with the periodic full refresh', async () => {
    const grants = [
      activeGrant('a1'),
      activeGrant('a2'),
      activeGrant('a3'),
      activeGrant('gone', { state: 'revoked' }),
      // Still "active" in the API, but past its expiry: not live any more.
      activeGrant('late', {
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      }),
    ];
    const { backend, waitFor, names, runFullRefresh } = await startBackend(
      grants,
    );
    try {
      await runFullRefresh();
      // Three active grants over two pages, none announced by an event.
      expect(names(await waitFor(e => e.length === 3))).toEqual([
        'grant-a1',
        'grant-a2',
        'grant-a3',
      ]);
      // The revoke event of a2 was lost; the next refresh drops it anyway.
      grants[1] = { ...grants[1], state: 'revoked' };
      await runFullRefresh();
      expect(names(await waitFor(e => e.length === 2))).toEqual([
        'grant-a1',
        'grant-a3',
      ]);
    } finally {
      await backend.stop();
    }
  });
});
