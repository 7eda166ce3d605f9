import { screen } from '@testing-library/react';
import {
  apiError,
  createFakeAwsAccessApi,
  makeGrant,
  never,
  renderWithApi,
  resourceEntity,
  withEvents,
} from '../../__testUtils__';
import { EntityExpiryContent } from './EntityExpiryContent';

describe('EntityExpiryContent', () => {
  it('counts down live grants and shows their history and ended grants', async () => {
    const api = createFakeAwsAccessApi();
    const live = makeGrant();
    const ended = makeGrant({
      id: 'b1',
      state: 'expired',
      requester: 'user:default/alice',
      endedAt: new Date(Date.now() - 3600_000).toISOString(),
    });
    api.listGrants.mockImplementation(async query =>
      query?.state?.includes('expired')
        ? { items: [ended] }
        : { items: [live] },
    );
    api.getGrant.mockResolvedValue(withEvents(live));
    await renderWithApi(<EntityExpiryContent />, {
      api,
      entity: resourceEntity,
    });

    expect(await screen.findByRole('timer')).toHaveTextContent(
      /^1[34]m \d\ds left$/,
    );
    expect(screen.getByRole('button', { name: 'Extend' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Revoke' })).toBeInTheDocument();
    expect(await screen.findByText('provisioned')).toBeInTheDocument();
    expect(screen.getByText('Recently ended')).toBeInTheDocument();
    expect(screen.getByText('user:default/alice')).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockReturnValue(never());
    await renderWithApi(<EntityExpiryContent />, {
      api,
      entity: resourceEntity,
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('says so when nothing is about to expire', async () => {
    const api = createFakeAwsAccessApi();
    await renderWithApi(<EntityExpiryContent />, {
      api,
      entity: resourceEntity,
    });
    expect(
      await screen.findByText('Nothing is about to expire'),
    ).toBeInTheDocument();
    expect(screen.getByText('No ended grants')).toBeInTheDocument();
  });

  it('shows the API error', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockRejectedValue(
      await apiError(500, 'database is down', 'Error'),
    );
    await renderWithApi(<EntityExpiryContent />, {
      api,
      entity: resourceEntity,
    });
    expect((await screen.findAllByText('database is down')).length).toBe(2);
  });
});
