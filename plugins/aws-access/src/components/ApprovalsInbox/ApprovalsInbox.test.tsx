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
import {
  apiError,
  createFakeAwsAccessApi,
  makeGrant,
} from '../../__testUtils__';
import { awsAccessApiRef } from '../../api';
import { ApprovalsInbox } from './ApprovalsInbox';

const BOB = 'user:default/bob';

function renderInbox(options: {
  api: ReturnType<typeof createFakeAwsAccessApi>;
  mayApprove?: (grantId: string) => boolean;
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
  );
}

const pending = makeGrant({
  id: 'g-pending',
  state: 'pending',
  requester: 'user:default/guest',
  actions: ['s3:PutObject'],
  reason: 'load invoices',
  requiredApprovals: 1,
  approverGroups: ['group:default/team-data'],
});

describe('ApprovalsInbox', () => {
  it('lists the requests I may approve, not mine nor others', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockResolvedValue({
      items: [
        pending,
        makeGrant({ id: 'g-mine', state: 'pending', requester: BOB }),
        makeGrant({ id: 'g-not-mine-to-approve', state: 'pending' }),
      ],
    });
    await renderInbox({
      api,
      mayApprove: id => id !== 'g-not-mine-to-approve',
    });

    expect(
      await screen.findByText('user:default/guest asks for access'),
    ).toBeInTheDocument();
    expect(api.listGrants).toHaveBeenCalledWith({ state: ['pending'] });
    expect(screen.getByText('load invoices')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Approve' })).toHaveLength(1);
  });

  it('approves with a comment', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockResolvedValue({ items: [pending] });
    api.approveGrant.mockResolvedValue({ ...pending, state: 'provisioning' });
    await renderInbox({ api });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Approve access?' });
    expect(dialog).toHaveTextContent('s3:PutObject');
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
    const api = createFakeAwsAccessApi();
    api.listGrants.mockResolvedValue({ items: [pending] });
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
        'Only members of group:default/team-data',
      ),
    );
  });
});
