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
  BUCKET_ARN,
  clickAndConfirm,
  createFakeAwsAccessApi,
  makeBundle,
  makeGrant,
  OTHER_BUCKET_ARN,
  renderWithApi,
} from '../../__testUtils__';
import { ApprovalsInbox } from './ApprovalsInbox';

const CAROL = 'user:default/carol';

function waiting() {
  const bundle = makeBundle({ state: 'pending', requester: CAROL });
  const parts = bundle.grants.map(grant => ({
    ...grant,
    state: 'pending' as const,
    requester: CAROL,
    reason: 'Reconcile the audit',
    requiredApprovals: 2,
    approverGroups: ['group:default/platform', 'group:default/security'],
    approvals: [],
  }));
  const single = makeGrant({
    id: 'g-single',
    state: 'pending',
    requester: CAROL,
    reason: 'Something else',
  });
  return { bundle, parts, single };
}

describe('ApprovalsInbox with bundles', () => {
  beforeEach(() => {
    Element.prototype.scrollIntoView = jest.fn();
  });

  it('shows a bundle as one item listing its parts, approved with one call', async () => {
    const api = createFakeAwsAccessApi();
    const { bundle, parts, single } = waiting();
    api.listGrants.mockResolvedValue({ items: [parts[0], single, parts[1]] });
    api.approveBundle.mockResolvedValue({ ...bundle, state: 'active' });
    await renderWithApi(<ApprovalsInbox />, {
      api,
      routeEntries: ['/aws-access/approvals'],
    });

    expect(
      await screen.findByText('2 requests wait for you'),
    ).toBeInTheDocument();
    const items = screen.getAllByRole('article');
    expect(items).toHaveLength(2);
    const bundleItem = items[0];
    expect(bundleItem).toHaveTextContent(
      '2 resources in 2 accounts, one decision for all',
    );
    const listed = within(
      within(bundleItem).getByTestId('approval-parts'),
    ).getAllByRole('listitem');
    expect(listed.map(li => li.textContent)).toEqual([
      `Account 123456789012: ${BUCKET_ARN} — s3:GetObject`,
      `Account 222222222222: ${OTHER_BUCKET_ARN} — s3:ListBucket`,
    ]);

    await userEvent.click(
      within(bundleItem).getByRole('button', { name: 'Approve' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('One decision for all 2 resources.');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    await waitFor(() => expect(api.approveBundle).toHaveBeenCalledTimes(1));
    expect(api.approveBundle).toHaveBeenCalledWith(bundle.id, {});
    expect(api.approveGrant).not.toHaveBeenCalled();
  });

  it('rejects a bundle as a whole', async () => {
    const api = createFakeAwsAccessApi();
    const { bundle, parts } = waiting();
    api.listGrants.mockResolvedValue({ items: parts });
    api.rejectBundle.mockResolvedValue({ ...bundle, state: 'rejected' });
    await renderWithApi(<ApprovalsInbox />, {
      api,
      routeEntries: ['/aws-access/approvals'],
    });
    await clickAndConfirm('Reject');
    await waitFor(() =>
      expect(api.rejectBundle).toHaveBeenCalledWith(bundle.id, {}),
    );
    expect(api.rejectGrant).not.toHaveBeenCalled();
  });
});
