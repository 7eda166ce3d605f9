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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readableTime } from '@backstage-aws-access/plugin-aws-access-common';
import { createCatalogNames, shortName } from './peopleNames';

describe('people as people read them', () => {
  const catalog = catalogServiceMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'jdoe', namespace: 'default' },
        spec: { profile: { displayName: 'Jane Doe' } },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: {
          name: 'team-data',
          namespace: 'default',
          title: 'Data team',
        },
        spec: { type: 'team', children: [] },
      },
    ],
  });
  const names = createCatalogNames({ catalog, auth: mockServices.auth() });

  it('names a person by their display name and a group by its title', async () => {
    await expect(names('user:default/jdoe')).resolves.toBe('Jane Doe');
    await expect(names('group:default/team-data')).resolves.toBe('Data team');
  });

  it('falls back to the short name, never the entity ref', async () => {
    await expect(names('user:default/ghost')).resolves.toBe('ghost');
    expect(shortName('not a ref at all!')).not.toContain(':');
  });

  it('asks the catalog once per person for a while', async () => {
    const spy = jest.spyOn(catalog, 'getEntityByRef');
    const cached = createCatalogNames({ catalog, auth: mockServices.auth() });
    await cached('user:default/jdoe');
    await cached('user:default/jdoe');
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('writes times for a reader in any time zone, not as ISO text', () => {
    expect(readableTime('2026-12-01T10:59:30.000Z')).toBe(
      'Tue, 1 Dec 2026, 10:59 UTC',
    );
    expect(readableTime(undefined)).toBe('its expiry');
  });
});
