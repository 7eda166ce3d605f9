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
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  awsAccessProvisionerExtensionPoint,
  GrantProvisioner,
} from '@backstage-aws-access/plugin-aws-access-node';
import { awsAccessPlugin } from '../plugin';

/** One account, and no catalog discovery to wait for before the API answers. */
export const minimalConfig = {
  awsAccess: {
    catalog: { enabled: false },
    accounts: [
      { accountId: '123456789012', name: 'home', regions: ['us-east-1'] },
    ],
  },
};

/**
 * The whole plugin in a test backend, as an app installs it, with a mock
 * catalog of `entities`: `config` (default {@link minimalConfig}) and any
 * more `features` (modules, service overrides). `provisioner` stands in for
 * IAM, set through the extension point as a module would. `anonymous` makes
 * a request without a token nobody, rather than the default test user.
 */
export function startAwsAccessTestBackend(
  options: {
    config?: object;
    features?: BackendFeature[];
    entities?: Entity[];
    provisioner?: GrantProvisioner;
    anonymous?: boolean;
  } = {},
) {
  return startTestBackend({
    features: [
      awsAccessPlugin,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: options.config ?? minimalConfig,
      }),
      ...(options.anonymous
        ? [
            mockServices.httpAuth.factory({
              defaultCredentials: mockCredentials.none(),
            }),
          ]
        : []),
      ...(options.provisioner ? [provisionerModule(options.provisioner)] : []),
      ...(options.features ?? []),
    ],
  });
}

function provisionerModule(provisioner: GrantProvisioner) {
  return createBackendModule({
    pluginId: 'aws-access',
    moduleId: 'test-provisioner',
    register(env) {
      env.registerInit({
        deps: { provisioning: awsAccessProvisionerExtensionPoint },
        async init({ provisioning }) {
          provisioning.setProvisioner(provisioner);
        },
      });
    },
  });
}
