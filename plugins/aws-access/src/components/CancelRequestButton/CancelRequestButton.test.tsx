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
  TEST_APP_USER,
} from '../../__testUtils__';
import { CancelRequestButton } from './CancelRequestButton';

const myPending = makeGrant({
  state: 'pending',
  requester: TEST_APP_USER,
  expiresAt: undefined,
  activatedAt: undefined,
});

describe('CancelRequestButton', () => {
  it('asks for confirmation, then cancels with the reason', async () => {
    const api = createFakeAwsAccessApi({
      cancelGrant: { ...myPending, state: 'cancelled' },
    });
    const onCancelled = jest.fn();
    await renderWithApi(
      <CancelRequestButton grant={myPending} onCancelled={onCancelled} />,
      { api },
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Cancel request' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Cancel this request?',
    });
    expect(dialog).toHaveTextContent('s3:GetObject');
    expect(api.cancelGrant).not.toHaveBeenCalled();

    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Reason (optional)' }),
      'Not needed any more',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel request' }),
    );
    expect(api.cancelGrant).toHaveBeenCalledWith(myPending.id, {
      reason: 'Not needed any more',
    });
    await waitFor(() =>
      expect(onCancelled).toHaveBeenCalledWith(
        expect.objectContaining({ state: 'cancelled' }),
      ),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('is offered only to the requester of a pending request', async () => {
    const api = createFakeAwsAccessApi();
    await renderWithApi(
      <>
        <CancelRequestButton
          grant={{ ...myPending, requester: 'user:default/alice' }}
        />
        <CancelRequestButton grant={{ ...myPending, state: 'active' }} />
        <CancelRequestButton grant={myPending} />
      </>,
      { api },
    );
    // Once the signed-in user is known, only their pending request has it.
    expect(
      await screen.findByRole('button', { name: 'Cancel request' }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('button', { name: 'Cancel request' }),
    ).toHaveLength(1);
  });
});
