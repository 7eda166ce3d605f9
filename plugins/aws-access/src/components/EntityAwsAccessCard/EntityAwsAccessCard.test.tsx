import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ACTIONS,
  apiError,
  createFakeAwsAccessApi,
  makeGrant,
  never,
  renderWithApi,
  resourceEntity,
} from '../../__testUtils__';
import { EntityAwsAccessCard } from './EntityAwsAccessCard';

describe('EntityAwsAccessCard', () => {
  it('opens the request form from the Request access button', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockResolvedValue({ items: [makeGrant()] });
    api.listActions.mockResolvedValue({ items: ACTIONS });
    await renderWithApi(<EntityAwsAccessCard />, {
      api,
      entity: resourceEntity,
    });
    expect(
      await screen.findByText(/user:development\/guest: s3:GetObject/),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: /Request access/ }),
    );
    expect(
      screen.getByRole('dialog', { name: /Request access/ }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('checkbox', { name: 's3:GetObject' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
  });

  it('says when nobody holds access', async () => {
    const api = createFakeAwsAccessApi();
    await renderWithApi(<EntityAwsAccessCard />, {
      api,
      entity: resourceEntity,
    });
    expect(await screen.findByText(/Nobody holds access/)).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockReturnValue(never());
    await renderWithApi(<EntityAwsAccessCard />, {
      api,
      entity: resourceEntity,
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the API error and still offers the request', async () => {
    const api = createFakeAwsAccessApi();
    api.listGrants.mockRejectedValue(
      await apiError(503, 'Service unavailable', 'Error'),
    );
    await renderWithApi(<EntityAwsAccessCard />, {
      api,
      entity: resourceEntity,
    });
    expect(await screen.findByText('Service unavailable')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /Request access/ }),
    ).toBeInTheDocument();
  });
});
