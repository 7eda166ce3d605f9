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
import type { AwsAccessApi } from '@backstage-aws-access/plugin-aws-access-common';
import {
  apiError,
  clickAndConfirm,
  createFakeAwsAccessApi,
  givenGrant,
  grantEntity,
  makeGrant,
  never,
  renderWithApi,
  ROLE_ARN,
  TEST_APP_USER,
  withEvents,
} from '../../__testUtils__';
import { EntityGrantContent } from './EntityGrantContent';

/** The content on the grant's own catalog entity page. */
function renderOnGrantPage(api: AwsAccessApi) {
  return renderWithApi(<EntityGrantContent />, { api, entity: grantEntity });
}

describe('EntityGrantContent', () => {
  it('shows the grant, how to sign in, and its history', async () => {
    const { api, grant } = givenGrant();
    await renderOnGrantPage(api);

    expect(await screen.findByText('Active')).toBeInTheDocument();
    expect(api.getGrant).toHaveBeenCalledWith(grant.id);
    expect(screen.getByRole('timer')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Sign in to the AWS console/ }),
    ).toHaveAttribute('href', grant.signInUrl);
    expect(screen.getByTestId('aws-cli-config')).toHaveTextContent(
      `role_arn = ${ROLE_ARN}`,
    );
    expect(
      within(screen.getByTestId('aws-cli-commands')).getByRole('button'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Revoke' })).toBeInTheDocument();
    expect(screen.getByText('activated')).toBeInTheDocument();
    // People are catalog links, in the details and in the history.
    expect(
      screen.getAllByRole('link', { name: 'development/guest' })[0],
    ).toHaveAttribute('href', '/catalog/development/user/guest');
    expect(screen.getByText('aws-access (automatic)')).toBeInTheDocument();
  });

  it('shows a pending request’s approval progress and lets its requester cancel it', async () => {
    const { api, grant: pending } = givenGrant({
      state: 'pending',
      requester: TEST_APP_USER,
      expiresAt: undefined,
      activatedAt: undefined,
      requiredApprovals: 1,
      approverGroups: ['group:default/platform'],
    });
    api.cancelGrant.mockResolvedValue({ ...pending, state: 'cancelled' });
    await renderOnGrantPage(api);

    expect(
      await screen.findByText('Waiting for approval: 0 of 1'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Who may approve/)).toHaveTextContent(
      'Who may approve: platform',
    );
    expect(
      screen.queryByRole('button', { name: 'Revoke' }),
    ).not.toBeInTheDocument();

    api.getGrant.mockResolvedValue(
      withEvents({ ...pending, state: 'cancelled' }),
    );
    await clickAndConfirm('Cancel request');
    expect(api.cancelGrant).toHaveBeenCalledWith(pending.id, {});
    expect(await screen.findByText('Cancelled')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Cancel request' }),
    ).not.toBeInTheDocument();
  });

  it('names the approver', async () => {
    const api = createFakeAwsAccessApi();
    api.getGrant.mockResolvedValue(
      withEvents(makeGrant({ approvedBy: 'user:default/alice' })),
    );
    await renderOnGrantPage(api);
    expect(await screen.findByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
  });

  it('says when no approval was needed', async () => {
    const { api } = givenGrant();
    await renderOnGrantPage(api);
    expect(
      await screen.findByText('automatic (no approval needed)'),
    ).toBeInTheDocument();
  });

  it('shows why a grant failed and offers no sign-in', async () => {
    const api = createFakeAwsAccessApi();
    api.getGrant.mockResolvedValue(
      withEvents(
        makeGrant({
          state: 'failed',
          lastError: 'AccessDenied: iam:CreateRole',
          roleArn: undefined,
        }),
      ),
    );
    await renderOnGrantPage(api);
    expect(
      await screen.findByText('AccessDenied: iam:CreateRole'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Sign in to the AWS console/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Revoke' }),
    ).not.toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    const api = createFakeAwsAccessApi();
    api.getGrant.mockReturnValue(never());
    await renderOnGrantPage(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the API error', async () => {
    const api = createFakeAwsAccessApi();
    api.getGrant.mockRejectedValue(
      await apiError(404, 'No grant with id 3f2a9c1e', 'NotFoundError'),
    );
    await renderOnGrantPage(api);
    expect(
      await screen.findByText('No grant with id 3f2a9c1e'),
    ).toBeInTheDocument();
  });
});
