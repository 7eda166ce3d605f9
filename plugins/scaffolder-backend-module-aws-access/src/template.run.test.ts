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
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { useFakeAwsAccessApi } from './__testUtils__/fakeAwsAccessApi';
import {
  activeGrant,
  onBehalfOfAlice,
  ordersBucketEntity,
} from './__testUtils__/fixtures';
import { scaffolderModuleAwsAccess } from './module';

const template: Entity = yaml.parse(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../examples/templates/request-aws-access/template.yaml',
    ),
    'utf8',
  ),
);

// A whole scaffolder backend starts here: seconds on a busy machine.
jest.setTimeout(30_000);

describe('running the request-aws-access template in the scaffolder', () => {
  const fakeApi = useFakeAwsAccessApi();

  it('requests access as the user who runs it and links the result', async () => {
    fakeApi.nextStates.push(activeGrant);
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleAwsAccess,
        catalogServiceMock.factory({
          entities: [template, ordersBucketEntity],
        }),
        createServiceFactory({
          service: coreServices.discovery,
          deps: {},
          factory: () => fakeApi.discovery,
        }),
      ],
    });

    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header('user:default/alice'))
      .send({
        templateRef: 'template:default/request-aws-access',
        values: {
          resource: 'resource:default/orders-bucket',
          actions: ['s3:GetObject'],
          durationMinutes: 60,
          reason: 'debug exports',
        },
      });
    expect(created.status).toBe(201);

    let task: any;
    for (let i = 0; i < 100; i++) {
      task = (
        await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
          .set(
            'Authorization',
            mockCredentials.user.header('user:default/alice'),
          )
      ).body;
      if (task.status === 'completed' || task.status === 'failed') break;
      await new Promise(resolve => setTimeout(resolve, 100));
    }

    expect(task.status).toBe('completed');
    expect(fakeApi.requests[0]).toMatchObject({
      method: 'POST',
      path: '/grants',
      authorization: onBehalfOfAlice,
      body: {
        resourceArn: 'arn:aws:s3:::orders',
        accountId: '210987654321',
        actions: ['s3:GetObject'],
        durationMinutes: 60,
        reason: 'debug exports',
      },
    });
    const events = await request(server)
      .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'));
    const completion = events.body.find((e: any) => e.type === 'completion');
    expect(completion.body.output.links).toEqual([
      expect.objectContaining({
        url: 'https://signin.aws.amazon.com/switchrole?roleName=grant-1&account=210987654321',
      }),
      expect.objectContaining({ entityRef: 'resource:default/grant-grant-1' }),
      expect.objectContaining({ url: '/aws-access' }),
    ]);
    expect(completion.body.output.text[0].content).toContain(
      '**Role:** `arn:aws:iam::210987654321:role/backstage-access/grant-1`',
    );

    // The installed-actions page lists the actions with schemas and examples.
    const actions = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', mockCredentials.user.header('user:default/alice'));
    expect(
      actions.body
        .filter((a: any) => a.id.startsWith('aws:access:'))
        .map((a: any) => [a.id, a.examples.length > 0, a.schema.input.type]),
    ).toEqual(
      expect.arrayContaining([
        ['aws:access:request', true, 'object'],
        ['aws:access:revoke', true, 'object'],
        ['aws:access:extend', true, 'object'],
      ]),
    );
  });
});
