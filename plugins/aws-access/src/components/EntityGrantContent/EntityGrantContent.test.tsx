import { screen } from '@testing-library/react';
import {
  apiError,
  createFakeAwsAccessApi,
  grantEntity,
  makeGrant,
  never,
  renderWithApi,
  ROLE_ARN,
  withEvents,
} from '../../__testUtils__';
import { EntityGrantContent } from './EntityGrantContent';

describe('EntityGrantContent', () => {
  it('shows the grant, how to sign in, and its history', async () => {
    const api = createFakeAwsAccessApi();
    const grant = makeGrant();
    api.getGrant.mockResolvedValue(withEvents(grant));
    await renderWithApi(<EntityGrantContent />, { api, entity: grantEntity });

    expect(await screen.findByText('Active')).toBeInTheDocument();
    expect(api.getGrant).toHaveBeenCalledWith(grant.id);
    expect(screen.getByRole('timer')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Sign in to the AWS console/ }),
    ).toHaveAttribute('href', grant.signInUrl);
    expect(screen.getByText(/role_arn = /)).toHaveTextContent(ROLE_ARN);
    expect(screen.getByRole('button', { name: 'Revoke' })).toBeInTheDocument();
    expect(screen.getByText('provisioned')).toBeInTheDocument();
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
    await renderWithApi(<EntityGrantContent />, { api, entity: grantEntity });
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
    await renderWithApi(<EntityGrantContent />, { api, entity: grantEntity });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the API error', async () => {
    const api = createFakeAwsAccessApi();
    api.getGrant.mockRejectedValue(
      await apiError(404, 'No grant with id 3f2a9c1e', 'NotFoundError'),
    );
    await renderWithApi(<EntityGrantContent />, { api, entity: grantEntity });
    expect(
      await screen.findByText('No grant with id 3f2a9c1e'),
    ).toBeInTheDocument();
  });
});
