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
import { catalogRoutes, makeGrant } from '../../__testUtils__';
import { formatDateTime } from '../../lib/time';
import { ApprovalProgress } from './ApprovalProgress';

describe('ApprovalProgress', () => {
  it('shows N of M, who approved and who may approve, as catalog links', async () => {
    await renderInTestApp(
      <ApprovalProgress
        grant={makeGrant({
          state: 'pending',
          requiredApprovals: 2,
          approvals: [
            {
              approver: 'user:default/alice',
              createdAt: new Date().toISOString(),
            },
          ],
          approverGroups: ['group:default/team-data'],
        })}
      />,
      { mountedRoutes: catalogRoutes },
    );

    expect(
      screen.getByText('Waiting for approval: 1 of 2'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Waiting for approval: 1 of 2' }),
    ).toHaveAttribute('aria-valuenow', '50');
    expect(screen.getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
    expect(screen.getByRole('link', { name: 'team-data' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-data',
    );
  });

  it('says only that it waits when the count is unknown', async () => {
    await renderInTestApp(
      <ApprovalProgress grant={makeGrant({ state: 'pending' })} dense />,
      { mountedRoutes: catalogRoutes },
    );
    expect(screen.getByText('Waiting for approval')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.queryByText(/Who may approve/)).not.toBeInTheDocument();
  });

  it('says when the request times out', async () => {
    const deadline = new Date(Date.now() + 29.5 * 60_000).toISOString();
    await renderInTestApp(
      <ApprovalProgress
        grant={makeGrant({ state: 'pending', approvalDeadline: deadline })}
      />,
      { mountedRoutes: catalogRoutes },
    );
    expect(
      screen.getByText(`Times out in 29 minutes (${formatDateTime(deadline)})`),
    ).toBeInTheDocument();
  });

  it('says a request past its deadline is timing out', async () => {
    await renderInTestApp(
      <ApprovalProgress
        grant={makeGrant({
          state: 'pending',
          approvalDeadline: new Date(Date.now() - 60_000).toISOString(),
        })}
        dense
      />,
      { mountedRoutes: catalogRoutes },
    );
    expect(screen.getByText('Timing out now')).toBeInTheDocument();
    expect(screen.queryByText(/Times out in/)).not.toBeInTheDocument();
  });

  it('renders nothing once the grant is decided', async () => {
    await renderInTestApp(
      <ApprovalProgress
        grant={makeGrant({ state: 'active', requiredApprovals: 1 })}
      />,
      { mountedRoutes: catalogRoutes },
    );
    expect(screen.queryByText(/Waiting for approval/)).not.toBeInTheDocument();
  });
});
