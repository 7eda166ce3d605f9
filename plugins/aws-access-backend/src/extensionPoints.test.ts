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
  awsAccessProvisionerExtensionPoint,
  type GrantProvisioner,
} from '@backstage-aws-access/plugin-aws-access-node';
import { mockServices } from '@backstage/backend-test-utils';
import { startAwsAccessTestBackend } from './__testUtils__/startAwsAccessTestBackend';

function fakeProvisioner(): jest.Mocked<GrantProvisioner> {
  return {
    createRole: jest.fn(),
    putRolePolicy: jest.fn(),
    updateExpiry: jest.fn(),
    deleteRolePolicy: jest.fn(),
    putTrustPolicy: jest.fn(),
    detachRolePolicy: jest.fn(),
    deleteRole: jest.fn(),
    listManagedRoles: jest.fn().mockResolvedValue([]),
    getRoleState: jest.fn(),
  };
}

function provisionerModule(provisioner: GrantProvisioner, moduleId: string) {
  return createBackendModule({
    pluginId: 'aws-access',
    moduleId,
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

describe('the aws-access extension points', () => {
  it('runs the reconciler on the provisioner a module sets', async () => {
    const provisioner = fakeProvisioner();
    const scheduler = mockServices.scheduler();
    await startAwsAccessTestBackend({
      features: [
        provisionerModule(provisioner, 'custom-provisioner'),
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
      ],
    });

    await scheduler.triggerTask('aws-access-reconciler');

    expect(provisioner.listManagedRoles).toHaveBeenCalledWith('123456789012');
  });

  it('refuses a second provisioner rather than picking one', async () => {
    await expect(
      startAwsAccessTestBackend({
        features: [
          provisionerModule(fakeProvisioner(), 'one'),
          provisionerModule(fakeProvisioner(), 'two'),
        ],
      }),
    ).rejects.toThrow(/provisioner was already set/);
  });
});
