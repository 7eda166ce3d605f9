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
  createFakeAwsAccessApi,
  makeGrant,
  renderWithApi,
} from '../../__testUtils__';
import { ExtendGrantButton } from './ExtendGrantButton';

async function openDialog() {
  await userEvent.click(screen.getByRole('button', { name: 'Extend' }));
  return screen.getByRole('dialog', { name: 'Extend access' });
}

describe('ExtendGrantButton', () => {
  it('extends by the chosen duration', async () => {
    const api = createFakeAwsAccessApi();
    const grant = makeGrant();
    const later = new Date(Date.now() + 4 * 3600_000).toISOString();
    api.extendGrant.mockResolvedValue({ ...grant, expiresAt: later });
    const onExtended = jest.fn();
    await renderWithApi(
      <ExtendGrantButton grant={grant} onExtended={onExtended} />,
      { api },
    );
    await openDialog();
    await userEvent.click(screen.getByRole('radio', { name: '4 hours' }));
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Extend',
      }),
    );
    expect(api.extendGrant).toHaveBeenCalledWith(grant.id, {
      durationMinutes: 240,
    });
    await waitFor(() =>
      expect(onExtended).toHaveBeenCalledWith(
        expect.objectContaining({ expiresAt: later }),
      ),
    );
  });

  it('takes a custom number of minutes and checks it', async () => {
    const api = createFakeAwsAccessApi();
    await renderWithApi(<ExtendGrantButton grant={makeGrant()} />, { api });
    await openDialog();
    await userEvent.click(screen.getByRole('radio', { name: 'Custom' }));
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Extend',
      }),
    );
    expect(screen.getByText('Duration is required')).toBeInTheDocument();
    expect(api.extendGrant).not.toHaveBeenCalled();

    await userEvent.type(
      screen.getByRole('spinbutton', { name: 'Minutes' }),
      '0',
    );
    expect(
      screen.getByText('Duration must be at least 1 minute'),
    ).toBeInTheDocument();
    await userEvent.clear(screen.getByRole('spinbutton', { name: 'Minutes' }));
    await userEvent.type(
      screen.getByRole('spinbutton', { name: 'Minutes' }),
      '90',
    );
    api.extendGrant.mockResolvedValue(makeGrant());
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Extend',
      }),
    );
    expect(api.extendGrant).toHaveBeenCalledWith(expect.any(String), {
      durationMinutes: 90,
    });
  });
});
