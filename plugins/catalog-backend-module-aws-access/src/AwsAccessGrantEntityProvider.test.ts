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

import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import type { AwsAccessApi } from '@backstage-aws-access/plugin-aws-access-common';
import { AwsAccessGrantEntityProvider } from './AwsAccessGrantEntityProvider';
import { activeGrant } from './__testUtils__/activeGrant';

const grant = activeGrant('g1');

function setUp(enabled?: boolean) {
  const client = {
    listGrants: jest.fn(async () => ({ items: [grant] })),
  } as unknown as AwsAccessApi;
  const taskRunner = { run: jest.fn(async ({ fn }: any) => fn()) };
  const connection: EntityProviderConnection = {
    applyMutation: jest.fn(async () => {}),
    refresh: jest.fn(async () => {}),
  };
  const provider = AwsAccessGrantEntityProvider.create({
    client,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    taskRunner,
    enabled,
  });
  return { provider, connection, taskRunner };
}

describe('AwsAccessGrantEntityProvider', () => {
  it('publishes the active grants by default', async () => {
    const { provider, connection } = setUp();

    await provider.connect(connection);
    await provider.onGrantChanged({ grant, type: 'activated' });

    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [expect.objectContaining({ locationKey: 'aws-access-grants' })],
    });
    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
  });

  it('emits nothing, and empties what it published before, when grantEntities.enabled is false', async () => {
    const { provider, connection, taskRunner } = setUp(false);

    await provider.connect(connection);
    await provider.onGrantChanged({ grant, type: 'activated' });

    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [],
    });
    expect(taskRunner.run).not.toHaveBeenCalled();
  });
});
