import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  apiError,
  BUCKET_ARN,
  createFakeAwsAccessApi,
  makeGrant,
  never,
  renderWithApi,
  resourceEntity,
} from '../../__testUtils__';
import { EntityActiveGrantsContent } from './EntityActiveGrantsContent';

describe('EntityActiveGrantsContent', () => {
  it('lists the live grants on the resource and revokes one', async () => {
    const api = createFakeAwsAccessApi();
    const grant = makeGrant();
    api.listGrants
      .mockResolvedValueOnce({ items: [grant] })
      .mockResolvedValue({ items: [] });
    api.revokeGrant.mockResolvedValue({ ...grant, state: 'revoked' });
    await renderWithApi(<EntityActiveGrantsContent />, {
      api,
      entity: resourceEntity,
    });

    expect(
      await screen.findByText('user:development/guest'),
    ).toBeInTheDocument();
    expect(api.listGrants).toHaveBeenCalledWith({
      resourceArn: BUCKET_ARN,
      state: ['pending', 'provisioning', 'active', 'revoking'],
    });
    expect(screen.getByText('Active')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Revoke',
      }),
    );
    expect(api.revokeGrant).toHaveBeenCalledWith(grant.id, {});
    expect(await screen.findByText('No active grants')).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockReturnValue(never());
    await renderWithApi(<EntityActiveGrantsContent />, {
      api,
      entity: resourceEntity,
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('says so when nobody holds access', async () => {
    const api = createFakeAwsAccessApi();
    await renderWithApi(<EntityActiveGrantsContent />, {
      api,
      entity: resourceEntity,
    });
    expect(await screen.findByText('No active grants')).toBeInTheDocument();
  });

  it('shows the API error', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockRejectedValue(
      await apiError(403, 'You may not list grants', 'NotAllowedError'),
    );
    await renderWithApi(<EntityActiveGrantsContent />, {
      api,
      entity: resourceEntity,
    });
    expect(
      await screen.findByText('You may not list grants'),
    ).toBeInTheDocument();
  });

  it('keeps asking while a grant is being provisioned', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants
      .mockResolvedValueOnce({
        items: [makeGrant({ state: 'provisioning', expiresAt: undefined })],
      })
      .mockResolvedValue({ items: [makeGrant()] });
    await renderWithApi(<EntityActiveGrantsContent />, {
      api,
      entity: resourceEntity,
    });
    expect(await screen.findByText('Provisioning')).toBeInTheDocument();
    await waitFor(
      () => expect(screen.getByText('Active')).toBeInTheDocument(),
      {
        timeout: 6000,
      },
    );
    expect(api.listGrants).toHaveBeenCalledTimes(2);
  });

  it('explains a missing annotation', async () => {
    const api = createFakeAwsAccessApi();
    await renderWithApi(<EntityActiveGrantsContent />, {
      api,
      entity: { ...resourceEntity, metadata: { name: 'plain' } },
    });
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(api.listGrants).not.toHaveBeenCalled();
  });
});
