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

import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { ConfirmGrantActionDialog } from './ConfirmGrantActionDialog';

function renderDialog(onConfirm: () => Promise<string>, onClose = jest.fn()) {
  return renderInTestApp(
    <ConfirmGrantActionDialog
      open
      onClose={onClose}
      idPrefix="test"
      title="Revoke access?"
      note={{
        name: 'reason',
        label: 'Reason (optional)',
        value: '',
        onChange: () => {},
      }}
      cancelLabel="Cancel"
      confirmLabel="Revoke"
      busyLabel="Revoking…"
      confirmColor="secondary"
      onConfirm={onConfirm}
    >
      The role is deleted at once.
    </ConfirmGrantActionDialog>,
  );
}

describe('ConfirmGrantActionDialog', () => {
  it('cannot be closed or confirmed twice while the action runs', async () => {
    const onClose = jest.fn();
    const onConfirm = jest.fn(() => new Promise<string>(() => {}));
    await renderDialog(onConfirm, onClose);

    await userEvent.click(screen.getByRole('button', { name: 'Revoke' }));

    const busy = await screen.findByRole('button', { name: 'Revoking…' });
    expect(busy).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).not.toHaveBeenCalled();
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('shows the API error in its own words and lets the user try again', async () => {
    const onConfirm = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(new Error('grant 42 is being changed right now'))
      .mockResolvedValueOnce('Access revoked');
    await renderDialog(onConfirm);

    await userEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    expect(
      await screen.findByText(/grant 42 is being changed right now/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(onConfirm).toHaveBeenCalledTimes(2));
  });
});
