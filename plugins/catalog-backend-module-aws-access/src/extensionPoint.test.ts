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
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  awsAccessResourceDiscoveryExtensionPoint,
  awsClientFactoryServiceRef,
  type ResourceDiscoverer,
} from '@backstage-aws-access/plugin-aws-access-node';
import request from 'supertest';
import { catalogModuleAwsAccess } from './module';

jest.setTimeout(60_000);

const widgets: ResourceDiscoverer = {
  type: 'widget',
  cloudFormationType: 'Example::Widget::Widget',
  scope: 'regional',
  async list({ accountId, region }) {
    return [
      {
        arn: `arn:aws:widget:${region}:${accountId}:widget/blue`,
        name: 'blue',
        region,
        tags: { owner: 'team-a' },
        consoleUrl: 'https://console.aws.amazon.com/',
      },
    ];
  },
};

describe('awsAccessResourceDiscoveryExtensionPoint', () => {
  it('puts the resources of a module’s discoverer in the catalog', async () => {
    const scheduler = mockServices.scheduler();
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleAwsAccess,
        createBackendModule({
          pluginId: 'catalog',
          moduleId: 'widgets',
          register(env) {
            env.registerInit({
              deps: { discovery: awsAccessResourceDiscoveryExtensionPoint },
              async init({ discovery }) {
                discovery.addResourceDiscoverer(widgets);
              },
            });
          },
        }),
        createServiceFactory({
          service: awsClientFactoryServiceRef,
          deps: {},
          factory: () => ({
            clientConfig: async () => {
              throw new Error('the widget discoverer needs no AWS client');
            },
          }),
        }),
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
        mockServices.rootConfig.factory({
          data: {
            catalog: { stitchingStrategy: { mode: 'immediate' } },
            awsAccess: {
              accounts: [
                {
                  accountId: '123456789012',
                  name: 'home',
                  regions: ['eu-west-1'],
                },
              ],
              catalog: { grantEntities: { enabled: false } },
            },
          },
        }),
      ],
    });

    await scheduler.triggerTask('aws-access-resources:refresh');

    const deadline = Date.now() + 20_000;
    let types: string[] = [];
    while (Date.now() < deadline) {
      const res = await request(server)
        .get('/api/catalog/entities/by-query')
        .query({ filter: 'kind=resource' })
        .set('Authorization', mockCredentials.user.header());
      types = res.body.items.map((e: any) => e.spec.type);
      if (types.includes('widget')) break;
      await new Promise(r => setTimeout(r, 200));
    }
    expect(types).toContain('widget');
  });
});
