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
import {
  createFakeAwsAccessApi,
  makeAccount,
  renderWithApi,
} from '../../__testUtils__';
import { AccountsPage } from './AccountsPage';

describe('AccountsPage, an account whose stack predates the grant boundary', () => {
  it('says "Update needed" and why, so an admin knows grants are refused there', async () => {
    const api = createFakeAwsAccessApi();
    api.listAccounts.mockResolvedValue({
      items: [
        makeAccount({
          status: 'outdated',
          statusMessage:
            'The onboarding stack (template version 1) predates the BackstageAccessGrantBoundary permissions boundary: update it to version 2 before new grants.',
          updateAvailable: true,
        }),
      ],
    });
    await renderWithApi(<AccountsPage />, { api });

    const row = (await screen.findByText('sandbox')).closest('tr')!;
    expect(within(row).getByText('Update needed')).toBeInTheDocument();
    expect(
      within(row).getByText(/predates the BackstageAccessGrantBoundary/),
    ).toBeInTheDocument();
    expect(within(row).queryByText('Connected')).not.toBeInTheDocument();
  });
});
