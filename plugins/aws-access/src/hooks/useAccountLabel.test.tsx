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
import { createFakeAwsAccessApi, renderWithApi } from '../__testUtils__';
import { useAccountLabel } from './useAccountLabel';

function AccountName(props: { id: string }) {
  return <li>{useAccountLabel()(props.id)}</li>;
}

describe('useAccountLabel', () => {
  it('names known accounts, keeps the id of others, and asks for the accounts once for many rows', async () => {
    const api = createFakeAwsAccessApi({
      listAccounts: {
        items: [
          {
            accountId: '111111111111',
            name: 'Payments',
            regions: ['eu-west-1'],
            status: 'connected',
          },
        ],
      },
    });
    await renderWithApi(
      <ul>
        <AccountName id="111111111111" />
        <AccountName id="111111111111" />
        <AccountName id="999999999999" />
      </ul>,
      { api },
    );

    expect(await screen.findAllByText('Payments (111111111111)')).toHaveLength(
      2,
    );
    expect(screen.getByText('999999999999')).toBeInTheDocument();
    expect(api.listAccounts).toHaveBeenCalledTimes(1);
  });

  it('shows ids when the accounts cannot be listed, and asks again next time', async () => {
    const api = createFakeAwsAccessApi();
    api.listAccounts.mockRejectedValueOnce(new Error('forbidden'));
    const first = await renderWithApi(<AccountName id="111111111111" />, {
      api,
    });
    expect(await screen.findByText('111111111111')).toBeInTheDocument();
    first.unmount();

    await renderWithApi(<AccountName id="111111111111" />, { api });
    expect(await screen.findByText('111111111111')).toBeInTheDocument();
    expect(api.listAccounts).toHaveBeenCalledTimes(2);
  });
});
