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
import { storeOn } from '../database/__testUtils__/grantStoreFixture';
import { createTemplateLinkSigner, templateLinkKey } from './templateLinks';

jest.setTimeout(60_000);

describe('template link signing', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

  it.each(databases.eachSupportedId())(
    'accepts on one replica a link another replica signed (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await storeOn(knex); // runs the migrations
      const database = mockServices.database({ knex });
      const config = mockServices.rootConfig();
      const [first, second] = [1, 2].map(() =>
        createTemplateLinkSigner(templateLinkKey({ config, database })),
      );
      const expires = Math.floor(Date.now() / 1000) + 60;

      const [a, b] = await Promise.all([
        first.sign('123456789012', expires),
        second.sign('123456789012', expires),
      ]);

      expect(a).toEqual(b);
      await expect(
        second.verify('123456789012', a.expires, a.sig),
      ).resolves.toBe(true);
      await expect(
        second.verify('210987654321', a.expires, a.sig),
      ).resolves.toBe(false);
    },
  );

  it('uses the configured key, so that links survive a new database too', async () => {
    const config = mockServices.rootConfig({
      data: { awsAccess: { onboarding: { signingKey: 's'.repeat(32) } } },
    });
    const database = mockServices.database({} as any);
    const signer = createTemplateLinkSigner(
      templateLinkKey({ config, database }),
    );
    const other = createTemplateLinkSigner(async () =>
      Buffer.from('s'.repeat(32)),
    );
    const expires = Math.floor(Date.now() / 1000) + 60;

    expect(await signer.sign('123456789012', expires)).toEqual(
      await other.sign('123456789012', expires),
    );
  });

  it('refuses a configured key too short to be a secret', () => {
    const config = mockServices.rootConfig({
      data: { awsAccess: { onboarding: { signingKey: 'changeme' } } },
    });
    expect(() => templateLinkKey({ config, database: {} as any })).toThrow(
      'at least 32 characters',
    );
  });
});
