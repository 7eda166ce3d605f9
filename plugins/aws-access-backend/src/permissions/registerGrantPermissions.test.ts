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
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { grantConditions } from './conditions';
import {
  createGrantPermissionEvaluators,
  registerGrantPermissions,
} from './registerGrantPermissions';
import { AwsAccessGrantResource } from './resource';

const GRANTS: AwsAccessGrantResource[] = [
  {
    id: 'g1',
    requester: 'user:default/guest',
    resourceOwner: 'group:default/team-payments',
    state: 'pending',
  },
  { id: 'g2', requester: 'user:default/bob', state: 'active' },
];

/** Stands in for the aws-access plugin: registers the grant resource type the way it will. */
function testPlugin(onReady: (evaluators: any) => void) {
  return createBackendPlugin({
    pluginId: 'aws-access',
    register(reg) {
      reg.registerInit({
        deps: { permissionsRegistry: coreServices.permissionsRegistry },
        async init({ permissionsRegistry }) {
          registerGrantPermissions(permissionsRegistry, async ids =>
            ids.map(id => GRANTS.find(g => g.id === id)),
          );
          onReady(createGrantPermissionEvaluators(permissionsRegistry));
        },
      });
    },
  });
}

describe('registerGrantPermissions', () => {
  it('publishes the permissions and rules, and resolves conditions on grants by id', async () => {
    let evaluators: ReturnType<typeof createGrantPermissionEvaluators>;
    const { server } = await startTestBackend({
      features: [testPlugin(e => (evaluators = e))],
    });
    // The permission backend calls these routes with a service token.
    const auth = { Authorization: mockCredentials.service.header() };

    const metadata = await request(server)
      .get('/api/aws-access/.well-known/backstage/permissions/metadata')
      .set(auth);
    expect(metadata.status).toBe(200);
    expect(metadata.body.permissions.map((p: any) => p.name)).toEqual([
      'aws-access.grant.create',
      'aws-access.grant.read',
      'aws-access.grant.revoke',
      'aws-access.grant.extend',
      'aws-access.grant.approve',
      'aws-access.admin',
    ]);
    const rules = metadata.body.rules;
    expect(rules.map((r: any) => [r.name, r.resourceType])).toEqual([
      ['IS_REQUESTER', 'aws-access-grant'],
      ['IS_RESOURCE_OWNER', 'aws-access-grant'],
      ['IS_APPROVER', 'aws-access-grant'],
      ['HAS_STATE', 'aws-access-grant'],
    ]);
    // The policy editor and the permission backend read these schemas.
    expect(rules[0].paramsSchema).toMatchObject({
      type: 'object',
      properties: { claims: { type: 'array', items: { type: 'string' } } },
      required: ['claims'],
    });
    expect(rules[3].paramsSchema.properties.states.items.enum).toContain(
      'pending',
    );

    const owner = grantConditions.isResourceOwner({
      claims: ['group:default/team-payments'],
    });
    const applyConditions = (items: unknown[]) =>
      request(server)
        .post(
          '/api/aws-access/.well-known/backstage/permissions/apply-conditions',
        )
        .set(auth)
        .send({ items });

    const applied = await applyConditions([
      {
        id: '1',
        resourceRef: 'g1',
        resourceType: 'aws-access-grant',
        conditions: owner,
      },
      {
        id: '2',
        resourceRef: 'g2',
        resourceType: 'aws-access-grant',
        conditions: owner,
      },
    ]);
    expect(applied.status).toBe(200);
    expect(applied.body.items).toEqual([
      { id: '1', result: AuthorizeResult.ALLOW },
      { id: '2', result: AuthorizeResult.DENY },
    ]);

    // Bad parameters are refused, not treated as "no match".
    const invalid = await applyConditions([
      {
        id: '3',
        resourceRef: 'g1',
        resourceType: 'aws-access-grant',
        conditions: {
          rule: 'HAS_STATE',
          resourceType: 'aws-access-grant',
          params: { states: ['no-such-state'] },
        },
      },
    ]);
    expect(invalid.status).toBe(400);

    expect(evaluators!.toFilter(owner)).toEqual({
      property: 'resource_owner',
      values: ['group:default/team-payments'],
    });
    expect(
      evaluators!.isAllowed(
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'aws-access',
          resourceType: 'aws-access-grant',
          conditions: grantConditions.isRequester({
            claims: ['user:default/bob'],
          }),
        },
        GRANTS[1],
      ),
    ).toBe(true);
  });
});
