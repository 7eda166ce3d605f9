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
import {
  apiError,
  BUCKET_ARN,
  createFakeAwsAccessApi,
  makeGrant,
  never,
  renderOnResourcePage,
} from '../../__testUtils__';
import { LiveGrants } from './LiveGrants';

function renderLiveGrants(api: ReturnType<typeof createFakeAwsAccessApi>) {
  return renderOnResourcePage(
    <LiveGrants resourceArn={BUCKET_ARN} empty="Nobody holds access">
      {({ grants }) => grants.map(g => <p key={g.id}>{g.requester}</p>)}
    </LiveGrants>,
    api,
  );
}

// Every entity view of live grants goes through these states; they are
// asserted here once rather than in each view's tests.
describe('LiveGrants', () => {
  it('asks for the live grants on the resource and draws them', async () => {
    const api = createFakeAwsAccessApi({
      listGrants: { items: [makeGrant()] },
    });
    await renderLiveGrants(api);
    expect(
      await screen.findByText('user:development/guest'),
    ).toBeInTheDocument();
    expect(api.listGrants).toHaveBeenCalledWith({
      resourceArn: BUCKET_ARN,
      state: ['pending', 'provisioning', 'active', 'revoking'],
    });
  });

  it('shows progress while loading', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockReturnValue(never());
    await renderLiveGrants(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows what it was given for no grants', async () => {
    await renderLiveGrants(createFakeAwsAccessApi());
    expect(await screen.findByText('Nobody holds access')).toBeInTheDocument();
  });

  it('shows the API error when there is nothing to show', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockRejectedValue(
      await apiError(403, 'You may not list grants', 'NotAllowedError'),
    );
    await renderLiveGrants(api);
    expect(
      await screen.findByText('You may not list grants'),
    ).toBeInTheDocument();
  });
});
