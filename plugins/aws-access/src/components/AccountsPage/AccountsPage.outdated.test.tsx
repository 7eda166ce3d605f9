import { screen, within } from '@testing-library/react';
import { createFakeAwsAccessApi, renderWithApi } from '../../__testUtils__';
import { AccountsPage } from './AccountsPage';

describe('AccountsPage, an account whose stack predates the grant boundary', () => {
  it('says "Update needed" and why, so an admin knows grants are refused there', async () => {
    const api = createFakeAwsAccessApi();
    api.listAccounts.mockResolvedValue({
      items: [
        {
          accountId: '123456789012',
          name: 'sandbox',
          regions: ['us-east-1'],
          status: 'outdated',
          statusMessage:
            'The onboarding stack (template version 1) predates the BackstageAccessGrantBoundary permissions boundary: update it to version 2 before new grants.',
          templateVersion: 1,
          updateAvailable: true,
        },
      ],
    });
    await renderWithApi(<AccountsPage />, { api });

    const row = (await screen.findByText('sandbox')).closest('tr')!;
    expect(within(row).getByText('Update needed')).toBeInTheDocument();
    expect(
      within(row).getByText(/predates the BackstageAccessGrantBoundary/),
    ).toBeInTheDocument();
    expect(within(row).queryByText('Connected')).not.toBeInTheDocument();
  });
});
