import { screen } from '@testing-library/react';
import { createFakeAwsAccessApi, renderWithApi } from '../../__testUtils__';
import { AccessReviewExport } from './AccessReviewExport';

// A file of its own: the permission hook caches decisions per page load.
describe('AccessReviewExport for non-admins', () => {
  it('shows nothing to people who are not aws-access administrators', async () => {
    const api = createFakeAwsAccessApi();
    api.exportGrants = jest.fn();
    await renderWithApi(<AccessReviewExport />, {
      api,
      deniedPermissions: ['aws-access.admin'],
    });
    await new Promise(r => setTimeout(r, 50));
    expect(
      screen.queryByTestId('access-review-export'),
    ).not.toBeInTheDocument();
  });
});
