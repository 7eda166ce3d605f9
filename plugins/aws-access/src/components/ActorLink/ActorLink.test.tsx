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

import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { catalogRoutes } from '../../__testUtils__';
import { ActorLink } from './ActorLink';

describe('ActorLink', () => {
  it('links people and groups to their catalog pages', async () => {
    await renderInTestApp(
      <>
        <ActorLink actor="user:default/alice" />
        <ActorLink actor="group:default/team-data" />
      </>,
      { mountedRoutes: catalogRoutes },
    );
    expect(screen.getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
    expect(
      screen.getByRole('link', { name: 'group:team-data' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-data');
  });

  it('names automation in words, without a link', async () => {
    await renderInTestApp(
      <ul>
        <li>
          <ActorLink actor="system" />
        </li>
        <li>
          <ActorLink actor="service:scaffolder" />
        </li>
        <li>
          <ActorLink actor="auto" />
        </li>
      </ul>,
      { mountedRoutes: catalogRoutes },
    );
    expect(screen.getByText('aws-access (automatic)')).toBeInTheDocument();
    expect(screen.getByText('service:scaffolder')).toBeInTheDocument();
    expect(
      screen.getByText('automatic (no approval needed)'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
