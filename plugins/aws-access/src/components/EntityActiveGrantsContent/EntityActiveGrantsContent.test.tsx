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
  BUCKET_ARN,
  clickAndConfirm,
  createFakeAwsAccessApi,
  makeGrant,
  myPendingRequest,
  renderOnResourcePage,
  renderWithApi,
  resourceEntity,
} from '../../__testUtils__';
import { EntityActiveGrantsContent } from './EntityActiveGrantsContent';

describe('EntityActiveGrantsContent', () => {
  it('lists the live grants on the resource and revokes one', async () => {
    const api = createFakeAwsAccessApi();
    const grant = makeGrant();
    api.listGrants
      .mockResolvedValueOnce({ items: [grant] })
      .mockResolvedValue({ items: [] });
    api.revokeGrant.mockResolvedValue({ ...grant, state: 'revoked' });
    await renderOnResourcePage(<EntityActiveGrantsContent />, api);

    expect(
      await screen.findByRole('link', { name: 'development/guest' }),
    ).toHaveAttribute('href', '/catalog/development/user/guest');
    expect(api.listGrants).toHaveBeenCalledWith({
      resourceArn: BUCKET_ARN,
      state: ['pending', 'provisioning', 'active', 'revoking'],
    });
    expect(screen.getByText('Active')).toBeInTheDocument();

    await clickAndConfirm('Revoke');
    expect(api.revokeGrant).toHaveBeenCalledWith(grant.id, {});
    expect(await screen.findByText('No active grants')).toBeInTheDocument();
  });

  it('shows a pending request’s approval progress and lets its requester cancel it', async () => {
    const api = createFakeAwsAccessApi();
    const othersRequest = {
      ...myPendingRequest,
      id: 'g-others',
      requester: 'user:default/dave',
    };
    api.listGrants
      .mockResolvedValueOnce({ items: [myPendingRequest, othersRequest] })
      .mockResolvedValue({ items: [othersRequest] });
    api.cancelGrant.mockResolvedValue({
      ...myPendingRequest,
      state: 'cancelled',
    });
    await renderOnResourcePage(<EntityActiveGrantsContent />, api);

    expect(
      await screen.findAllByText('Waiting for approval: 1 of 2'),
    ).toHaveLength(2);
    expect(screen.getAllByText('Pending approval')).toHaveLength(2);
    expect(
      screen.getAllByRole('link', { name: 'platform' })[0],
    ).toHaveAttribute('href', '/catalog/default/group/platform');
    expect(
      screen.queryByRole('button', { name: 'Revoke' }),
    ).not.toBeInTheDocument();
    // Only the requester's own request can be cancelled.
    const cancel = await screen.findByRole('button', {
      name: 'Cancel request',
    });
    expect(
      screen.getAllByRole('button', { name: 'Cancel request' }),
    ).toHaveLength(1);

    await userEvent.click(cancel);
    const dialog = screen.getByRole('dialog', {
      name: 'Cancel this request?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel request' }),
    );
    expect(api.cancelGrant).toHaveBeenCalledWith('g-pending', {});
    await waitFor(() =>
      expect(screen.getAllByText('Pending approval')).toHaveLength(1),
    );
  });

  it('says so when nobody holds access', async () => {
    const api = createFakeAwsAccessApi();
    await renderOnResourcePage(<EntityActiveGrantsContent />, api);
    expect(await screen.findByText('No active grants')).toBeInTheDocument();
  });

  it('shows the API error', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockRejectedValue(
      await apiError(403, 'You may not list grants', 'NotAllowedError'),
    );
    await renderOnResourcePage(<EntityActiveGrantsContent />, api);
    expect(
      await screen.findByText('You may not list grants'),
    ).toBeInTheDocument();
  });

  it('keeps asking while a grant is being provisioned', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants
      .mockResolvedValueOnce({
        items: [makeGrant({ state: 'provisioning', expiresAt: undefined })],
      })
      .mockResolvedValue({ items: [makeGrant()] });
    await renderOnResourcePage(<EntityActiveGrantsContent />, api);
    expect(await screen.findByText('Provisioning')).toBeInTheDocument();
    await waitFor(
      () => expect(screen.getByText('Active')).toBeInTheDocument(),
      {
        timeout: 6000,
      },
    );
    expect(api.listGrants).toHaveBeenCalledTimes(2);
  });

  it('explains a missing annotation', async () => {
    const api = createFakeAwsAccessApi();
    await renderWithApi(<EntityActiveGrantsContent />, {
      api,
      entity: { ...resourceEntity, metadata: { name: 'plain' } },
    });
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(api.listGrants).not.toHaveBeenCalled();
  });
});
