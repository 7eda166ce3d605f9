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
import {
  apiError,
  clickAndConfirm,
  createFakeAwsAccessApi,
  makeGrant,
  myPendingRequest,
  renderOnResourcePage,
  withEvents,
} from '../../__testUtils__';
import { EntityExpiryContent } from './EntityExpiryContent';

describe('EntityExpiryContent', () => {
  it('counts down live grants and shows their history and ended grants', async () => {
    const api = createFakeAwsAccessApi();
    const live = makeGrant();
    const ended = makeGrant({
      id: 'b1',
      state: 'expired',
      requester: 'user:default/alice',
      endedAt: new Date(Date.now() - 3600_000).toISOString(),
    });
    api.listGrants.mockImplementation(async query =>
      query?.state?.includes('expired')
        ? { items: [ended] }
        : { items: [live] },
    );
    api.getGrant.mockResolvedValue(withEvents(live));
    await renderOnResourcePage(<EntityExpiryContent />, api);

    expect(await screen.findByRole('timer')).toHaveTextContent(
      /^1[34]m \d\ds left$/,
    );
    expect(screen.getByRole('button', { name: 'Extend' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Revoke' })).toBeInTheDocument();
    // The history loads after the grant list; give it time on a busy machine.
    expect(
      await screen.findByText('activated', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('Recently ended')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
  });

  it('shows pending requests with their approval progress, and cancel for the requester', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockImplementation(async query =>
      query?.state?.includes('pending')
        ? { items: [myPendingRequest] }
        : { items: [] },
    );
    api.getGrant.mockResolvedValue(withEvents(myPendingRequest));
    api.cancelGrant.mockResolvedValue({
      ...myPendingRequest,
      state: 'cancelled',
    });
    await renderOnResourcePage(<EntityExpiryContent />, api);

    expect(
      await screen.findByText('Waiting for approval: 1 of 2'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Waiting for approval: 1 of 2' }),
    ).toHaveAttribute('aria-valuenow', '50');
    expect(screen.getByText(/Approved by/)).toHaveTextContent(
      'Approved by alice',
    );
    expect(screen.getByText(/Who may approve/)).toHaveTextContent(
      'Who may approve: platform',
    );
    expect(screen.getByText('15 minutes once active')).toBeInTheDocument();
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Extend' }),
    ).not.toBeInTheDocument();

    await clickAndConfirm('Cancel request');
    expect(api.cancelGrant).toHaveBeenCalledWith('g-pending', {});
    expect(api.listGrants).toHaveBeenCalledWith(
      expect.objectContaining({
        state: ['pending', 'provisioning', 'active', 'revoking'],
      }),
    );
  });

  it('says so when nothing is about to expire', async () => {
    const api = createFakeAwsAccessApi();
    await renderOnResourcePage(<EntityExpiryContent />, api);
    expect(
      await screen.findByText('Nothing is about to expire'),
    ).toBeInTheDocument();
    expect(screen.getByText('No ended grants')).toBeInTheDocument();
  });

  it('shows the API error', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockRejectedValue(
      await apiError(500, 'database is down', 'Error'),
    );
    await renderOnResourcePage(<EntityExpiryContent />, api);
    expect((await screen.findAllByText('database is down')).length).toBe(2);
  });
});
