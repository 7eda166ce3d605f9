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
import { identityApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type {
  Grant,
  GrantEvent,
  GrantWithEvents,
} from '@backstage-aws-access/plugin-aws-access-common';
import {
  apiError,
  catalogRoutes,
  clickAndConfirm,
  createFakeAwsAccessApi,
  makeGrant,
  withEvents,
} from '../../__testUtils__';
import { awsAccessApiRef } from '../../api';
import { ApprovalsInbox } from './ApprovalsInbox';

const BOB = 'user:default/bob';

function renderInbox(options: {
  api: ReturnType<typeof createFakeAwsAccessApi>;
  mayApprove?: (grantId: string) => boolean;
  /** The `?grant=` a notification link carries. */
  linkedGrant?: string;
}) {
  const permissionApi = new MockPermissionApi(request =>
    'resourceRef' in request &&
    (options.mayApprove ?? (() => true))(request.resourceRef as string)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY,
  );
  const identityApi = {
    getBackstageIdentity: async () => ({
      type: 'user' as const,
      userEntityRef: BOB,
      ownershipEntityRefs: [BOB, 'group:default/team-data'],
    }),
  };
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [awsAccessApiRef, options.api],
        [permissionApiRef, permissionApi],
        [identityApiRef, identityApi],
      ]}
    >
      <ApprovalsInbox />
    </TestApiProvider>,
    {
      mountedRoutes: catalogRoutes,
      routeEntries: [
        options.linkedGrant
          ? `/aws-access/approvals?grant=${options.linkedGrant}`
          : '/aws-access/approvals',
      ],
    },
  );
}

const pending = makeGrant({
  id: 'g-pending',
  state: 'pending',
  requester: 'user:default/guest',
  actions: ['s3:PutObject'],
  reason: 'load invoices',
  expiresAt: undefined,
  activatedAt: undefined,
  requiredApprovals: 1,
  approverGroups: ['group:default/team-data'],
});

function pendingGrant(id: string, overrides: Partial<Grant> = {}): Grant {
  return { ...pending, id, reason: `reason of ${id}`, ...overrides };
}

describe('ApprovalsInbox', () => {
  let scrollIntoView: jest.Mock;
  beforeEach(() => {
    // jsdom does not lay out pages, so it has no scrollIntoView.
    scrollIntoView = jest.fn();
    Element.prototype.scrollIntoView = scrollIntoView;
  });

  it('lists the requests I may approve, not mine nor others', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockResolvedValue({
      items: [
        pending,
        pendingGrant('g-mine', { requester: BOB }),
        pendingGrant('g-not-mine-to-approve'),
        pendingGrant('g-approved-by-me', {
          requiredApprovals: 2,
          approvals: [{ approver: BOB, createdAt: new Date().toISOString() }],
        }),
      ],
    });
    await renderInbox({
      api,
      mayApprove: id => id !== 'g-not-mine-to-approve',
    });

    const request = await screen.findByRole('article', {
      name: 'guest asks for access',
    });
    expect(api.listGrants).toHaveBeenCalledWith(
      expect.objectContaining({ state: ['pending'] }),
    );
    expect(screen.getAllByRole('article')).toHaveLength(1);
    expect(within(request).getByText('load invoices')).toBeInTheDocument();
    expect(
      within(request).getByText('Waiting for approval: 0 of 1'),
    ).toBeInTheDocument();
    // People and groups are catalog links with their display names.
    expect(
      within(request).getByRole('link', { name: 'guest' }),
    ).toHaveAttribute('href', '/catalog/default/user/guest');
    expect(
      within(request).getByRole('link', { name: 'team-data' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-data');
    expect(screen.getAllByRole('button', { name: 'Approve' })).toHaveLength(1);
    expect(screen.queryByText('user:default/guest')).not.toBeInTheDocument();
  });

  it('says nothing waits when none of the pending requests are mine to approve', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockResolvedValue({
      items: [
        pendingGrant('g-mine', { requester: BOB }),
        pendingGrant('g-other-team'),
      ],
    });
    await renderInbox({ api, mayApprove: () => false });

    expect(
      await screen.findByText('Nothing waits for your approval'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
  });

  it('approves with a comment', async () => {
    const api = createFakeAwsAccessApi({
      listGrants: { items: [pending] },
      approveGrant: { ...pending, state: 'provisioning' },
    });
    await renderInbox({ api });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Approve access?' });
    expect(dialog).toHaveTextContent('guest asks for s3:PutObject');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Comment (optional)' }),
      'ok for today',
    );
    api.listGrants.mockResolvedValue({ items: [] });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    expect(api.approveGrant).toHaveBeenCalledWith('g-pending', {
      comment: 'ok for today',
    });
    expect(
      await screen.findByText('Nothing waits for your approval'),
    ).toBeInTheDocument();
  });

  it('rejects, and shows the API’s words when refused', async () => {
    const api = createFakeAwsAccessApi({ listGrants: { items: [pending] } });
    api.rejectGrant.mockRejectedValue(
      await apiError(
        403,
        'Only members of group:default/team-data may reject this grant',
        'NotAllowedError',
      ),
    );
    await renderInbox({ api });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Reject access?' });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    expect(api.rejectGrant).toHaveBeenCalledWith('g-pending', {});
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'Only members of team-data',
      ),
    );
  });

  it('shows the API error when the list cannot be loaded', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockRejectedValue(
      await apiError(500, 'database is down', 'Error'),
    );
    await renderInbox({ api });
    expect(await screen.findByText('database is down')).toBeInTheDocument();
  });

  describe('when one user floods the inbox', () => {
    // 51 requests from one user, newest first, then another user's real one.
    const flood = Array.from({ length: 51 }, (_, i) =>
      pendingGrant(`g-flood-${i}`, { requester: 'user:default/mallory' }),
    );
    const real = pendingGrant('g-real', {
      requester: 'user:default/carol',
      reason: 'restore the invoices table',
    });
    /** Pages of 50, as the API answers by default, joined by `nextCursor`. */
    function pagedApi() {
      const api = createFakeAwsAccessApi();
      const all = [...flood, real];
      api.listGrants.mockImplementation(async query => {
        const start = Number(query?.cursor ?? 0);
        const end = start + Math.min(query?.limit ?? 50, 50);
        return {
          items: all.slice(start, end),
          nextCursor: end < all.length ? String(end) : undefined,
        };
      });
      return api;
    }

    it('pages through every pending request and says how many wait', async () => {
      const api = pagedApi();
      await renderInbox({ api });

      expect(
        await screen.findByText('52 requests wait for you'),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('article', { name: 'carol asks for access' }),
      ).toHaveTextContent('restore the invoices table');
      expect(screen.getAllByRole('article')).toHaveLength(52);
    });

    it('opens a notification link to a request past the first page, and its approver approves it', async () => {
      const api = pagedApi();
      api.approveGrant.mockResolvedValue({ ...real, state: 'provisioning' });
      await renderInbox({ api, linkedGrant: 'g-real' });

      await waitFor(() =>
        expect(screen.getAllByRole('article')[0]).toHaveTextContent(
          'restore the invoices table',
        ),
      );
      const [first] = screen.getAllByRole('article');
      expect(first).toHaveAttribute('aria-current', 'true');
      expect(
        screen.queryByText('You cannot approve this request'),
      ).not.toBeInTheDocument();
      await userEvent.click(
        within(first).getByRole('button', { name: 'Approve' }),
      );
      const dialog = await screen.findByRole('dialog');
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Approve' }),
      );
      await waitFor(() => expect(api.approveGrant).toHaveBeenCalledTimes(1));
      expect(api.approveGrant.mock.calls[0][0]).toBe('g-real');
    });

    it('offers a linked request the list does not hold yet to its approver', async () => {
      const api = createFakeAwsAccessApi();
      // The list was read before the request arrived.
      api.listGrants.mockResolvedValue({ items: [] });
      api.getGrant.mockResolvedValue(withEvents(real));
      await renderInbox({ api, linkedGrant: 'g-real' });

      const row = await screen.findByRole('article', {
        name: 'carol asks for access',
      });
      expect(
        within(row).getByRole('button', { name: 'Approve' }),
      ).toBeInTheDocument();
      expect(
        screen.queryByText('You cannot approve this request'),
      ).not.toBeInTheDocument();
    });

    it('says one request waits, in the singular', async () => {
      const api = createFakeAwsAccessApi({ listGrants: { items: [pending] } });
      await renderInbox({ api });

      expect(
        await screen.findByText('1 request waits for you'),
      ).toBeInTheDocument();
    });
  });

  it("shows a requester's markdown as the text they typed", async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockResolvedValue({
      items: [
        pendingGrant('g-md', {
          reason: '# Approved by alice [details](https://evil.example)',
        }),
      ],
    });
    await renderInbox({ api });

    const request = await screen.findByRole('article');
    expect(
      within(request).getByText(
        '# Approved by alice [details](https://evil.example)',
      ),
    ).toBeInTheDocument();
    expect(
      within(request).queryByRole('link', { name: 'details' }),
    ).not.toBeInTheDocument();
    expect(within(request).queryByRole('heading')).not.toBeInTheDocument();
  });

  describe('with a link to one request (?grant=)', () => {
    /** A linked request that `event` ended, with that event in its history. */
    function endedBy(
      grant: Partial<Grant> & { id: string; state: 'rejected' | 'cancelled' },
      event: Pick<GrantEvent, 'actor'> & Partial<GrantEvent>,
    ): GrantWithEvents {
      const ended = makeGrant(grant);
      return {
        ...ended,
        events: [
          {
            id: 1,
            grantId: ended.id,
            type: grant.state,
            fromState: 'pending',
            toState: grant.state,
            createdAt: new Date().toISOString(),
            ...event,
          },
        ],
      };
    }

    /** The notice about the linked request, found by its title. */
    async function linkedNotice(title: string) {
      return (await screen.findByText(title)).closest(
        '[role="alert"]',
      ) as HTMLElement;
    }

    it('brings the linked request to the top, highlighted, in view and focused', async () => {
      const api = createFakeAwsAccessApi();
      api.listGrants.mockResolvedValue({
        items: [
          pendingGrant('g-newest'),
          pendingGrant('g-linked'),
          pendingGrant('g-oldest'),
        ],
      });
      await renderInbox({ api, linkedGrant: 'g-linked' });

      await waitFor(() =>
        expect(screen.getAllByRole('article')).toHaveLength(3),
      );
      const [first, second] = screen.getAllByRole('article');
      expect(first).toHaveTextContent('reason of g-linked');
      expect(first).toHaveAttribute('aria-current', 'true');
      expect(within(first).getByText('Linked request')).toBeInTheDocument();
      expect(second).toHaveTextContent('reason of g-newest');
      expect(second).not.toHaveAttribute('aria-current');
      expect(screen.getAllByText('Linked request')).toHaveLength(1);
      await waitFor(() => expect(first).toHaveFocus());
      expect(scrollIntoView).toHaveBeenCalledTimes(1);
      expect(scrollIntoView.mock.contexts[0]).toBe(first);
      expect(api.getGrant).not.toHaveBeenCalled();
    });

    it('says the request was already approved, by whom, and its state now', async () => {
      const api = createFakeAwsAccessApi({
        listGrants: { items: [pendingGrant('g-other')] },
      });
      api.getGrant.mockResolvedValue(
        withEvents(
          makeGrant({
            id: 'g-done',
            requester: 'user:default/guest',
            approvedBy: 'user:default/alice',
            approvedAt: new Date().toISOString(),
          }),
        ),
      );
      await renderInbox({ api, linkedGrant: 'g-done' });

      const alert = await linkedNotice('This request was already approved');
      expect(api.getGrant).toHaveBeenCalledWith('g-done');
      expect(alert).toHaveTextContent('Approved by alice');
      expect(
        within(alert).getByRole('link', { name: 'alice' }),
      ).toHaveAttribute('href', '/catalog/default/user/alice');
      expect(alert).toHaveTextContent('It is now Active');
      // The rest of the inbox is still there, without a highlight.
      expect(screen.getAllByRole('article')).toHaveLength(1);
      expect(screen.queryByText('Linked request')).not.toBeInTheDocument();
    });

    it('says who rejected it and why', async () => {
      const api = createFakeAwsAccessApi();
      api.getGrant.mockResolvedValue(
        endedBy(
          {
            id: 'g-rejected',
            state: 'rejected',
            endedAt: new Date().toISOString(),
          },
          { actor: 'user:default/carol', reason: 'use the staging bucket' },
        ),
      );
      await renderInbox({ api, linkedGrant: 'g-rejected' });

      const alert = await linkedNotice('This request was already rejected');
      expect(alert).toHaveTextContent('Rejected by carol');
      expect(alert).toHaveTextContent('“use the staging bucket”');
      expect(alert).toHaveTextContent('It is now Rejected');
      expect(
        screen.getByText('Nothing waits for your approval'),
      ).toBeInTheDocument();
    });

    it('says when nobody decided in time', async () => {
      const api = createFakeAwsAccessApi();
      api.getGrant.mockResolvedValue(
        endedBy(
          { id: 'g-late', state: 'rejected' },
          {
            actor: 'system',
            reason: 'Nobody approved the request within 1440 minutes',
            data: { timedOut: true },
          },
        ),
      );
      await renderInbox({ api, linkedGrant: 'g-late' });

      const alert = await linkedNotice('This request was already rejected');
      expect(alert).toHaveTextContent(
        'Nobody decided in time: Nobody approved the request within 1440 minutes',
      );
    });

    it('says the requester cancelled it', async () => {
      const api = createFakeAwsAccessApi();
      api.getGrant.mockResolvedValue(
        endedBy(
          {
            id: 'g-cancelled',
            state: 'cancelled',
            requester: 'user:default/guest',
          },
          { actor: 'user:default/guest' },
        ),
      );
      await renderInbox({ api, linkedGrant: 'g-cancelled' });

      const alert = await linkedNotice('This request was already cancelled');
      expect(alert).toHaveTextContent('Cancelled by guest');
      expect(alert).toHaveTextContent('It is now Cancelled');
    });

    it('explains that my own request is approved by others, and lets me cancel it', async () => {
      const api = createFakeAwsAccessApi();
      const mine = pendingGrant('g-mine', { requester: BOB });
      api.listGrants.mockResolvedValue({ items: [mine] });
      api.cancelGrant.mockResolvedValue({ ...mine, state: 'cancelled' });
      await renderInbox({ api, linkedGrant: 'g-mine' });

      expect(
        await screen.findByText('This is your own request'),
      ).toBeInTheDocument();
      expect(
        screen.getByText('Nothing waits for your approval'),
      ).toBeInTheDocument();

      api.listGrants.mockResolvedValue({ items: [] });
      api.getGrant.mockResolvedValue(
        withEvents({ ...mine, state: 'cancelled' }),
      );
      await clickAndConfirm('Cancel request');
      expect(api.cancelGrant).toHaveBeenCalledWith('g-mine', {});
      expect(
        await screen.findByText('This request was already cancelled'),
      ).toBeInTheDocument();
    });

    it('explains a pending request I may not approve', async () => {
      const api = createFakeAwsAccessApi();
      api.listGrants.mockResolvedValue({
        items: [pendingGrant('g-elsewhere')],
      });
      await renderInbox({
        api,
        linkedGrant: 'g-elsewhere',
        mayApprove: () => false,
      });

      expect(
        await screen.findByText('You cannot approve this request'),
      ).toBeInTheDocument();
      expect(screen.getByText(/Who may approve/)).toBeInTheDocument();
    });

    it('says when the linked request cannot be loaded', async () => {
      const api = createFakeAwsAccessApi();
      api.getGrant.mockRejectedValue(
        await apiError(404, 'grant g-gone not found', 'NotFoundError'),
      );
      await renderInbox({ api, linkedGrant: 'g-gone' });

      expect(await screen.findByRole('alert')).toHaveTextContent(
        'grant g-gone not found',
      );
    });
  });
});
