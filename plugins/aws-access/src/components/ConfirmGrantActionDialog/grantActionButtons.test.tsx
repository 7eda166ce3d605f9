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

import { ReactElement } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  apiError,
  createFakeAwsAccessApi,
  makeGrant,
  myPendingRequest,
  renderWithApi,
} from '../../__testUtils__';
import { CancelRequestButton } from '../CancelRequestButton';
import { ExtendGrantButton } from '../ExtendGrantButton';
import { RevokeGrantButton } from '../RevokeGrantButton';

// The grant actions share their dialog, so they share how it ends: left
// alone when dismissed, open with the API's words when refused.
describe.each<{
  label: string;
  dismiss: string;
  method: 'revokeGrant' | 'extendGrant' | 'cancelGrant';
  refusal: [status: number, message: string, name: string];
  button: ReactElement;
}>([
  {
    label: 'Revoke',
    dismiss: 'Cancel',
    method: 'revokeGrant',
    refusal: [
      403,
      'Only the requester or an admin may revoke',
      'NotAllowedError',
    ],
    button: <RevokeGrantButton grant={makeGrant()} />,
  },
  {
    label: 'Extend',
    dismiss: 'Cancel',
    method: 'extendGrant',
    refusal: [409, 'Only an active grant can be extended', 'ConflictError'],
    button: <ExtendGrantButton grant={makeGrant()} />,
  },
  {
    label: 'Cancel request',
    dismiss: 'Keep request',
    method: 'cancelGrant',
    refusal: [
      409,
      'only a pending request can be cancelled; grant g is active, revoke it instead',
      'ConflictError',
    ],
    button: <CancelRequestButton grant={myPendingRequest} />,
  },
])('the $label button', ({ label, dismiss, method, refusal, button }) => {
  async function openDialog(api: ReturnType<typeof createFakeAwsAccessApi>) {
    await renderWithApi(button, { api });
    await userEvent.click(await screen.findByRole('button', { name: label }));
    return screen.getByRole('dialog');
  }

  it('does nothing when the dialog is dismissed', async () => {
    const api = createFakeAwsAccessApi();
    await openDialog(api);
    await userEvent.click(screen.getByRole('button', { name: dismiss }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api[method]).not.toHaveBeenCalled();
  });

  it('shows the API’s words when refused, and stays open', async () => {
    const api = createFakeAwsAccessApi();
    api[method].mockRejectedValue(await apiError(...refusal));
    const dialog = await openDialog(api);
    await userEvent.click(within(dialog).getByRole('button', { name: label }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      refusal[1],
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});
