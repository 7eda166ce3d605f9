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

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ACTIONS,
  apiError,
  createFakeAwsAccessApi,
  makeGrant,
  myPendingRequest,
  renderOnResourcePage,
} from '../../__testUtils__';
import { EntityAwsAccessCard } from './EntityAwsAccessCard';

describe('EntityAwsAccessCard', () => {
  it('opens the request form from the Request access button', async () => {
    const api = createFakeAwsAccessApi({
      listGrants: { items: [makeGrant()] },
      listActions: { items: ACTIONS },
    });
    await renderOnResourcePage(<EntityAwsAccessCard />, api);
    const holder = await screen.findByRole('listitem');
    expect(holder).toHaveTextContent(
      /^development\/guest: s3:GetObject — 1[34]m \d\ds left$/,
    );
    expect(
      within(holder).getByRole('link', { name: 'development/guest' }),
    ).toHaveAttribute('href', '/catalog/development/user/guest');

    await userEvent.click(
      screen.getByRole('button', { name: /Request access/ }),
    );
    expect(
      screen.getByRole('dialog', { name: /Request access/ }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('checkbox', { name: 's3:GetObject' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
  });

  it('shows a pending request’s approval progress and lets its requester cancel it', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants
      .mockResolvedValueOnce({ items: [myPendingRequest] })
      .mockResolvedValue({ items: [] });
    api.cancelGrant.mockResolvedValue({
      ...myPendingRequest,
      state: 'cancelled',
    });
    await renderOnResourcePage(<EntityAwsAccessCard />, api);

    const request = await screen.findByRole('listitem');
    expect(request).toHaveTextContent('Waiting for approval: 1 of 2');
    expect(request).toHaveTextContent('Who may approve: platform');
    await userEvent.click(
      await within(request).findByRole('button', { name: 'Cancel request' }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Cancel request',
      }),
    );
    expect(api.cancelGrant).toHaveBeenCalledWith('g-pending', {});
    expect(await screen.findByText(/Nobody holds access/)).toBeInTheDocument();
  });

  it('says when nobody holds access', async () => {
    const api = createFakeAwsAccessApi();
    await renderOnResourcePage(<EntityAwsAccessCard />, api);
    expect(await screen.findByText(/Nobody holds access/)).toBeInTheDocument();
  });

  it('shows the API error and still offers the request', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockRejectedValue(
      await apiError(503, 'Service unavailable', 'Error'),
    );
    await renderOnResourcePage(<EntityAwsAccessCard />, api);
    expect(await screen.findByText('Service unavailable')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /Request access/ }),
    ).toBeInTheDocument();
  });
});
