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
import type { GrantPreview } from '@backstage-aws-access/plugin-aws-access-common';
import {
  ACTIONS,
  apiError,
  BUCKET_ARN,
  createFakeAwsAccessApi,
  makeGrant,
  renderWithApi,
} from '../../__testUtils__';
import { GrantDetails } from '../GrantDetails';
import { RequestAccessForm } from '../RequestAccessForm';
import { BreakGlassReviewQueue } from './BreakGlassReviewQueue';

const EMERGENCY = 'payments are failing, incident INC-4711';

function preview(allowed: boolean): GrantPreview {
  const policy = { Version: '2012-10-17', Statement: [] };
  return {
    resourceArn: BUCKET_ARN,
    resourceType: 's3:bucket',
    accountId: '210987654321',
    region: '',
    actions: ['s3:PutObject'],
    durationMinutes: 30,
    expiresAt: new Date().toISOString(),
    maxDurationMinutes: 720,
    trustPolicy: policy,
    permissionPolicy: policy,
    approval: {
      mode: 'owner',
      count: 1,
      approverGroups: ['group:default/team-data'],
    },
    breakGlass: { allowed, maxDurationMinutes: 60 },
    sensitiveActions: [],
  };
}

async function fillForm() {
  await userEvent.click(
    await screen.findByRole('checkbox', { name: 's3:PutObject' }),
  );
}

describe('break-glass in the request form', () => {
  it('offers the confirmation only where a rule allows it, and sends it', async () => {
    const api = createFakeAwsAccessApi({ listActions: { items: ACTIONS } });
    api.previewGrant.mockResolvedValue(preview(true));
    api.createGrant.mockResolvedValue(
      makeGrant({ state: 'active', breakGlass: true }),
    );
    api.getGrant.mockResolvedValue({
      ...makeGrant({ state: 'active', breakGlass: true }),
      events: [],
    });
    await renderWithApi(<RequestAccessForm resourceArn={BUCKET_ARN} />, {
      api,
    });
    await fillForm();
    await userEvent.type(
      screen.getByRole('textbox', { name: /Reason/ }),
      'urgent',
    );
    const option = await screen.findByTestId('break-glass-option');
    expect(option).toHaveTextContent(/for at most 1 hour/);
    expect(option).toHaveTextContent(/Every approver is notified now/);
    await userEvent.click(
      screen.getByRole('checkbox', { name: /This is an emergency/ }),
    );
    // Too short a reason for break-glass: said, and nothing sent.
    await userEvent.click(
      screen.getByRole('button', { name: 'Break glass: activate now' }),
    );
    expect(
      screen.getByText(/must explain the emergency in at least 20 characters/),
    ).toBeInTheDocument();
    expect(api.createGrant).not.toHaveBeenCalled();

    const reason = screen.getByRole('textbox', { name: /Reason/ });
    await userEvent.clear(reason);
    await userEvent.type(reason, EMERGENCY);
    await userEvent.click(
      screen.getByRole('button', { name: 'Break glass: activate now' }),
    );
    await waitFor(() =>
      expect(api.createGrant).toHaveBeenCalledWith(
        expect.objectContaining({
          reason: EMERGENCY,
          breakGlass: { confirmed: true },
        }),
      ),
    );
  });

  it('does not offer break-glass where the rule does not allow it', async () => {
    const api = createFakeAwsAccessApi({ listActions: { items: ACTIONS } });
    api.previewGrant.mockResolvedValue(preview(false));
    await renderWithApi(<RequestAccessForm resourceArn={BUCKET_ARN} />, {
      api,
    });
    await fillForm();
    await userEvent.type(screen.getByRole('textbox', { name: /Reason/ }), 'x');
    await waitFor(() => expect(api.previewGrant).toHaveBeenCalled());
    expect(await screen.findByTestId('preview-approval')).toBeInTheDocument();
    expect(screen.queryByTestId('break-glass-option')).not.toBeInTheDocument();
  });

  it('marks a break-glass grant with a chip', async () => {
    const api = createFakeAwsAccessApi();
    await renderWithApi(
      <GrantDetails grant={makeGrant({ state: 'active', breakGlass: true })} />,
      { api },
    );
    expect(screen.getByTestId('break-glass-chip')).toHaveTextContent(
      'Break-glass',
    );
  });
});

describe('BreakGlassReviewQueue', () => {
  const item = {
    grant: makeGrant({
      id: 'bg-1',
      state: 'active',
      breakGlass: true,
      requester: 'user:default/alice',
      reason: EMERGENCY,
    }),
    review: {
      grantId: 'bg-1',
      requester: 'user:default/alice',
      state: 'pending' as const,
      createdAt: new Date().toISOString(),
    },
  };

  it('lists the grants to review and flags one with a comment', async () => {
    const api = createFakeAwsAccessApi();
    api.listBreakGlassReviews.mockResolvedValueOnce({
      items: [item],
    });
    api.listBreakGlassReviews.mockResolvedValue({ items: [] });
    api.reviewBreakGlass.mockResolvedValue({
      ...item,
      review: { ...item.review, state: 'flagged' },
    });
    await renderWithApi(<BreakGlassReviewQueue />, { api });
    const card = await screen.findByTestId('break-glass-review-bg-1');
    expect(card).toHaveTextContent(EMERGENCY);
    // The requester by name, linking to their catalog page, not by entity ref.
    expect(within(card).getByRole('link', { name: 'alice' })).toBeVisible();
    expect(card).not.toHaveTextContent('user:default/alice');
    expect(api.listBreakGlassReviews).toHaveBeenCalledWith({
      state: ['pending'],
    });
    await userEvent.type(
      screen.getByRole('textbox', { name: /Comment/ }),
      'no such incident',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Flag' }));
    await waitFor(() =>
      expect(api.reviewBreakGlass).toHaveBeenCalledWith('bg-1', {
        decision: 'flag',
        comment: 'no such incident',
      }),
    );
    expect(
      await screen.findByText('No break-glass grant waits for your review'),
    ).toBeInTheDocument();
  });

  it('names the reviewer of a flagged grant, linking to their page, not by entity ref', async () => {
    const api = createFakeAwsAccessApi({
      listBreakGlassReviews: {
        items: [
          {
            ...item,
            review: {
              ...item.review,
              state: 'flagged' as const,
              reviewedBy: 'user:default/guest',
              reviewedAt: '2026-12-01T10:44:44Z',
              comment: 'no incident on record',
            },
          },
        ],
      },
    });
    await renderWithApi(<BreakGlassReviewQueue />, { api });

    const card = await screen.findByTestId('break-glass-review-bg-1');
    expect(card).toHaveTextContent(
      /Flagged by guest .*: no incident on record/,
    );
    expect(within(card).getByRole('link', { name: 'guest' })).toBeVisible();
    expect(card).not.toHaveTextContent('user:default/');
  });

  it('shows the API error of a review and the flagged list', async () => {
    const api = createFakeAwsAccessApi({
      listBreakGlassReviews: { items: [item] },
    });
    api.reviewBreakGlass.mockRejectedValue(
      await apiError(
        409,
        'the break-glass grant bg-1 was already reviewed (flagged)',
        'ConflictError',
      ),
    );
    await renderWithApi(<BreakGlassReviewQueue />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Confirm' }),
    );
    expect(
      await screen.findByText(/was already reviewed \(flagged\)/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Flagged' }));
    await waitFor(() =>
      expect(api.listBreakGlassReviews).toHaveBeenLastCalledWith({
        state: ['flagged'],
      }),
    );
  });
});
