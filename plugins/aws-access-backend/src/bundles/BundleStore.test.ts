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

import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { newGrant, storeOn } from '../database/__testUtils__/grantStoreFixture';
import { BundleStore } from './BundleStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

describe.each(databases.eachSupportedId())('BundleStore (%s)', databaseId => {
  it('lists the parts of a bundle by account, whatever their ids', async () => {
    const knex = await databases.init(databaseId);
    const grants = await storeOn(knex);
    const bundles = await BundleStore.create({
      database: mockServices.database({ knex }),
    });
    const createdAt = new Date('2026-12-01T12:00:00Z');
    await bundles.insert({
      id: 'bundle-1',
      requester: 'user:default/alice',
      reason: 'incident',
      durationMinutes: 60,
      createdAt,
      decision: 'pending',
      requirements: [],
    });
    // Made in the same instant, with ids that sort against account order.
    const part = (id: string, accountId: string) =>
      grants.insertGrant(
        newGrant({ id, accountId, bundleId: 'bundle-1', createdAt }),
        { type: 'requested', actor: 'user:default/alice' },
      );
    await part('ffffffff-0000-4000-8000-000000000001', '111111111111');
    await part('00000000-ffff-4000-8000-000000000002', '333333333333');
    await part('88888888-0000-4000-8000-000000000003', '222222222222');

    expect(await bundles.partIds('bundle-1')).toEqual([
      'ffffffff-0000-4000-8000-000000000001',
      '88888888-0000-4000-8000-000000000003',
      '00000000-ffff-4000-8000-000000000002',
    ]);
  });
});
