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
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  awsAccessResourceDiscoveryExtensionPoint,
  awsClientFactoryServiceRef,
  type ResourceDiscoverer,
} from '@backstage-aws-access/plugin-aws-access-node';
import { startCatalogBackend } from './__testUtils__/startCatalogBackend';

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
    const { scheduler, waitForEntities } = await startCatalogBackend({
      awsAccess: {
        accounts: [
          { accountId: '123456789012', name: 'home', regions: ['eu-west-1'] },
        ],
        catalog: { grantEntities: { enabled: false } },
      },
      features: [
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
      ],
    });

    await scheduler.triggerTask('aws-access-resources:refresh');

    const resources = await waitForEntities(
      'kind=resource',
      found => found.some(e => e.spec?.type === 'widget'),
      20_000,
    );
    expect(resources.map(e => e.spec?.type)).toContain('widget');
  });
});
