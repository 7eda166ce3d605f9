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
import { givenGrant, renderWithApi } from '../../__testUtils__';
import { RevokeGrantButton } from './RevokeGrantButton';

describe('RevokeGrantButton', () => {
  it('asks for confirmation, then revokes with the reason', async () => {
    const { api, grant } = givenGrant();
    api.revokeGrant.mockResolvedValue({ ...grant, state: 'revoking' });
    const onRevoked = jest.fn();
    await renderWithApi(
      <RevokeGrantButton grant={grant} onRevoked={onRevoked} />,
      { api },
    );

    await userEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke access?' });
    expect(dialog).toHaveTextContent('s3:GetObject');
    expect(api.revokeGrant).not.toHaveBeenCalled();

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Reason (optional)' }),
      'Done debugging',
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Revoke',
      }),
    );
    expect(api.revokeGrant).toHaveBeenCalledWith(grant.id, {
      reason: 'Done debugging',
    });
    await waitFor(() =>
      expect(onRevoked).toHaveBeenCalledWith(
        expect.objectContaining({ state: 'revoking' }),
      ),
    );
  });

  it('checks the reason the way the API does', async () => {
    const { api, grant } = givenGrant();
    await renderWithApi(<RevokeGrantButton grant={grant} />, { api });
    await userEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    const reason = screen.getByRole('textbox', { name: 'Reason (optional)' });
    await userEvent.click(reason);
    await userEvent.paste('x'.repeat(501));
    expect(
      screen.getByText('Reason must be at most 500 characters'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Revoke',
      }),
    ).toBeDisabled();
  });
});
