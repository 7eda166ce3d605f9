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
import type { AwsAccessApi } from '@backstage-aws-access/plugin-aws-access-common';
import {
  BUCKET_ARN,
  clickAndConfirm,
  createFakeAwsAccessApi,
  makeBundle,
  OTHER_BUCKET_ARN,
  renderWithApi,
  TEST_APP_USER,
  withEvents,
} from '../../__testUtils__';
import { GrantDetails } from '../GrantDetails';
import { BundleView } from './BundlePage';

/** The view of the bundle makeBundle() makes, as its page shows it. */
function renderBundle(api: AwsAccessApi) {
  return renderWithApi(<BundleView bundleId="b-1" />, { api });
}

describe('BundleView', () => {
  it('shows the state, the shared expiry, the approvals and one row per part linking to its grant', async () => {
    const api = createFakeAwsAccessApi({ getBundle: makeBundle() });
    await renderBundle(api);

    // The bundle's own state, then each part's.
    expect(await screen.findAllByText('Active')).toHaveLength(3);
    expect(screen.getByRole('timer')).toHaveTextContent(/left$/);
    expect(screen.getByText('2 in 2 accounts')).toBeInTheDocument();
    expect(screen.getByText('alice')).toBeInTheDocument();
    const rows = within(
      screen.getByRole('table', { name: 'Parts of the request' }),
    ).getAllByTestId('bundle-part');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent(`${BUCKET_ARN}: s3:GetObject`);
    expect(rows[1]).toHaveTextContent(`${OTHER_BUCKET_ARN}: s3:ListBucket`);
    expect(rows[1]).toHaveTextContent('grant-part-2');
    expect(
      within(rows[1]).getByRole('link', {
        name: 'Details of the part in 222222222222',
      }),
    ).toHaveAttribute('href', '/aws-access/grants?grant=g-part-2');
    expect(api.getBundle).toHaveBeenCalledWith('b-1');
  });

  it('names each part’s account as the accounts page does, not by its id alone', async () => {
    const api = createFakeAwsAccessApi({
      getBundle: makeBundle(),
      listAccounts: {
        items: [
          {
            accountId: '222222222222',
            name: 'Payments',
            regions: ['eu-west-1'],
            status: 'connected',
          },
        ],
      },
    });
    await renderBundle(api);

    const rows = await screen.findAllByTestId('bundle-part');
    await waitFor(() =>
      expect(rows[1]).toHaveTextContent('Payments (222222222222)'),
    );
    expect(
      within(rows[1]).getByRole('link', {
        name: 'Details of the part in Payments (222222222222)',
      }),
    ).toBeInTheDocument();
    // An account the user may not list keeps its id.
    expect(rows[0]).toHaveTextContent('123456789012');
    expect(rows[0]).not.toHaveTextContent('(123456789012)');
  });

  it('revokes the whole bundle with one call', async () => {
    const api = createFakeAwsAccessApi({
      getBundle: makeBundle(),
      revokeBundle: makeBundle({ state: 'revoked' }),
    });
    await renderBundle(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Revoke all' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('2 roles are deleted');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke all' }),
    );
    await waitFor(() =>
      expect(api.revokeBundle).toHaveBeenCalledWith('b-1', {}),
    );
    expect(api.revokeGrant).not.toHaveBeenCalled();
  });

  it('lets the requester cancel a pending bundle, and nobody extend or revoke it', async () => {
    const api = createFakeAwsAccessApi();
    const pending = makeBundle({
      state: 'pending',
      requester: TEST_APP_USER,
      expiresAt: undefined,
    });
    pending.grants = pending.grants.map(g => ({
      ...g,
      state: 'pending',
      expiresAt: undefined,
    }));
    api.getBundle.mockResolvedValue(pending);
    api.cancelBundle.mockResolvedValue({ ...pending, state: 'cancelled' });
    await renderBundle(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Cancel request' }),
    );
    expect(screen.queryByRole('button', { name: 'Revoke all' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Extend' })).toBeNull();
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel request' }),
    );
    await waitFor(() =>
      expect(api.cancelBundle).toHaveBeenCalledWith('b-1', {}),
    );
  });

  it('extends every part through the bundle', async () => {
    const api = createFakeAwsAccessApi();
    const bundle = makeBundle();
    api.getBundle.mockResolvedValue(bundle);
    api.extendBundle.mockResolvedValue(bundle);
    await renderBundle(api);
    await clickAndConfirm('Extend');
    await waitFor(() =>
      expect(api.extendBundle).toHaveBeenCalledWith('b-1', {
        durationMinutes: 60,
      }),
    );
    expect(api.extendGrant).not.toHaveBeenCalled();
  });
});

describe('a part’s grant page', () => {
  it('says it is part of a request over N resources and links to it', async () => {
    const api = createFakeAwsAccessApi();
    const bundle = makeBundle();
    api.getBundle.mockResolvedValue(bundle);
    await renderWithApi(<GrantDetails grant={withEvents(bundle.grants[1])} />, {
      api,
    });
    expect(
      await screen.findByRole('link', {
        name: 'Part of a request over 2 resources',
      }),
    ).toHaveAttribute('href', '/aws-access/bundles/b-1');
  });
});
