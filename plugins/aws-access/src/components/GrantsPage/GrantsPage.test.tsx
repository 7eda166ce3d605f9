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

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  apiError,
  createFakeAwsAccessApi,
  makeAccount,
  makeGrant,
  never,
  renderWithApi,
  withEvents,
} from '../../__testUtils__';
import { GrantsPage } from './GrantsPage';

// renderInTestApp's identity is user:default/guest.
const ME = 'user:default/guest';

describe('GrantsPage', () => {
  it('lists my grants first, then everyone’s, filtered and paged', async () => {
    const api = createFakeAwsAccessApi({
      listAccounts: { items: [makeAccount()] },
    });
    api.listGrants.mockImplementation(async query =>
      query?.cursor
        ? {
            items: [
              makeGrant({
                id: 'second-page',
                resourceArn: 'arn:aws:s3:::page-two',
              }),
            ],
          }
        : { items: [makeGrant()], nextCursor: 'c2' },
    );
    await renderWithApi(<GrantsPage />, { api });

    // The row's first cell opens the grant's details.
    expect(
      await screen.findByRole('link', { name: 'demo-reports' }),
    ).toHaveAttribute('href', `/aws-access/grants?grant=${makeGrant().id}`);
    expect(api.listGrants).toHaveBeenLastCalledWith({
      requester: ME,
      limit: 20,
    });

    await userEvent.click(screen.getByRole('button', { name: 'All' }));
    await waitFor(() =>
      expect(api.listGrants).toHaveBeenLastCalledWith({ limit: 20 }),
    );

    await userEvent.click(await screen.findByRole('button', { name: 'Next' }));
    expect(await screen.findByText('page-two')).toBeInTheDocument();
    expect(api.listGrants).toHaveBeenLastCalledWith({
      limit: 20,
      cursor: 'c2',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('demo-reports')).toBeInTheDocument();

    await userEvent.click(
      within(screen.getByRole('search')).getByRole('button', { name: /State/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Expired' }),
    );
    await waitFor(() =>
      expect(api.listGrants).toHaveBeenLastCalledWith({
        state: ['expired'],
        limit: 20,
      }),
    );

    await userEvent.click(
      within(screen.getByRole('search')).getByRole('button', {
        name: /Account/,
      }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'sandbox (123456789012)' }),
    );
    await waitFor(() =>
      expect(api.listGrants).toHaveBeenLastCalledWith({
        state: ['expired'],
        accountId: '123456789012',
        limit: 20,
      }),
    );
  });

  it('filters by resource ARN', async () => {
    const api = createFakeAwsAccessApi();
    await renderWithApi(<GrantsPage />, { api });
    await userEvent.click(
      screen.getByRole('textbox', { name: 'Resource ARN' }),
    );
    await userEvent.paste('arn:aws:s3:::other');
    await waitFor(() =>
      expect(api.listGrants).toHaveBeenLastCalledWith({
        requester: ME,
        resourceArn: 'arn:aws:s3:::other',
        limit: 20,
      }),
    );
  });

  it('shows progress while loading', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockReturnValue(never());
    await renderWithApi(<GrantsPage />, { api });
    await waitFor(() =>
      expect(screen.getByTestId('progress')).toBeInTheDocument(),
    );
  });

  it('says so when no grant matches', async () => {
    const api = createFakeAwsAccessApi();
    await renderWithApi(<GrantsPage />, { api });
    expect(await screen.findByText('No grants')).toBeInTheDocument();
  });

  it('opens the grant a notification links to, with a way back to the list', async () => {
    const api = createFakeAwsAccessApi();
    const linked = makeGrant({
      id: 'g-linked',
      requester: ME,
      state: 'pending',
      reason: 'Load the invoices',
      expiresAt: undefined,
      activatedAt: undefined,
      approvedAt: undefined,
      approvedBy: undefined,
      requiredApprovals: 1,
      approvalDeadline: new Date(Date.now() + 90 * 60_000).toISOString(),
    });
    api.getGrant.mockResolvedValue(withEvents(linked));
    api.listGrants.mockResolvedValue({ items: [makeGrant()] });
    await renderWithApi(<GrantsPage />, {
      api,
      routeEntries: ['/aws-access/grants?grant=g-linked'],
    });

    expect(await screen.findByText('AWS access grant')).toBeInTheDocument();
    expect(api.getGrant).toHaveBeenCalledWith('g-linked');
    expect(screen.getByText('g-linked')).toBeInTheDocument();
    // In the details and in the history's first event.
    expect(screen.getAllByText('Load the invoices')).toHaveLength(2);
    expect(screen.getByText('History')).toBeInTheDocument();
    expect(
      screen.getByText(/This request waits for approval/),
    ).toBeInTheDocument();
    expect(screen.getByText(/^Times out in 1 hour/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Cancel request' }),
    ).toBeEnabled();
    expect(screen.queryByText('demo-reports')).toBeNull();
    expect(api.listGrants).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'All grants' }));
    expect(await screen.findByText('demo-reports')).toBeInTheDocument();
    expect(screen.queryByText('Load the invoices')).toBeNull();
  });

  it('says why a linked grant cannot be shown, and still offers the list', async () => {
    const api = createFakeAwsAccessApi();
    api.getGrant.mockRejectedValue(
      await apiError(404, 'no grant with id g-gone', 'NotFoundError'),
    );
    await renderWithApi(<GrantsPage />, {
      api,
      routeEntries: ['/aws-access/grants?grant=g-gone'],
    });
    expect(
      await screen.findByText(/The linked grant could not be shown/),
    ).toBeInTheDocument();
    expect(screen.getByText('no grant with id g-gone')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'All grants' }));
    expect(await screen.findByText('No grants')).toBeInTheDocument();
  });

  it('shows the API error', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockRejectedValue(
      await apiError(400, 'state must be one of pending, active'),
    );
    await renderWithApi(<GrantsPage />, { api });
    expect(
      await screen.findByText('state must be one of pending, active'),
    ).toBeInTheDocument();
  });
});
