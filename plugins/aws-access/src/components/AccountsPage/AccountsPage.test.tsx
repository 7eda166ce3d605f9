import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AwsAccount } from '@backstage-aws-access/plugin-aws-access-common';
import { createFakeAwsAccessApi, renderWithApi } from '../../__testUtils__';
import { AccountsPage } from './AccountsPage';

const accounts: AwsAccount[] = [
  {
    accountId: '123456789012',
    name: 'sandbox',
    regions: ['us-east-1'],
    status: 'connected',
    templateVersion: 1,
    updateAvailable: false,
  },
  {
    accountId: '210987654321',
    name: 'production',
    regions: ['eu-west-1'],
    status: 'error',
    statusMessage: 'manager role: AccessDenied: not authorized',
    templateVersion: 0,
    updateAvailable: true,
  },
];

function setup() {
  const api = createFakeAwsAccessApi();
  api.listAccounts.mockResolvedValue({ items: accounts });
  api.getOnboarding.mockResolvedValue({
    accountId: '123456789012',
    stackName: 'backstage-access',
    templateVersion: 1,
    templateYaml:
      'Resources:\n  BackstageAccessManager:\n    Type: AWS::IAM::Role\n',
    templateUrl:
      'https://backstage.example.com/api/aws-access/onboarding/123456789012/template.yaml',
    quickCreateUrl:
      'https://console.aws.amazon.com/cloudformation/home?region=us-east-1#/stacks/quickcreate?stackName=backstage-access',
    roles: [
      {
        name: 'BackstageAccessManager',
        purpose: 'manage',
        summary: 'Creates, updates and deletes the short-lived grant roles.',
        policy: {},
      },
      {
        name: 'BackstageAccessReader',
        purpose: 'read',
        summary: 'Discovers the resources shown in the catalog.',
        policy: {},
      },
    ],
  });
  api.offboardAccount.mockResolvedValue({
    accountId: '210987654321',
    revokedGrants: 2,
    instructions:
      'Revoked 2 active grant(s). To finish, delete the CloudFormation stack "backstage-access".',
    stacksUrl:
      'https://console.aws.amazon.com/cloudformation/home?region=eu-west-1#/stacks',
  });
  return api;
}

function rowOf(name: string) {
  return screen.getByText(name).closest('tr')!;
}

describe('AccountsPage', () => {
  it('lists each account with its status and whether its stack needs an update', async () => {
    const api = setup();
    await renderWithApi(<AccountsPage />, { api });

    const sandbox = rowOf('sandbox');
    expect(within(sandbox).getByText('Connected')).toBeInTheDocument();
    expect(within(sandbox).getByText('stack v1')).toBeInTheDocument();

    const production = rowOf('production');
    expect(within(production).getByText('Error')).toBeInTheDocument();
    expect(
      within(production).getByText(
        'manager role: AccessDenied: not authorized',
      ),
    ).toBeInTheDocument();
    expect(
      within(production).getByText('Update available (deployed v0)'),
    ).toBeInTheDocument();
  });

  it('shows the CloudFormation template and the quick-create link of an account', async () => {
    const api = setup();
    await renderWithApi(<AccountsPage />, { api });

    await userEvent.click(
      within(rowOf('sandbox')).getByRole('button', { name: 'CloudFormation' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Connect sandbox (123456789012)',
    });
    expect(api.getOnboarding).toHaveBeenCalledWith('123456789012');
    expect(
      await within(dialog).findByRole('link', {
        name: /Open the quick-create page/,
      }),
    ).toHaveAttribute(
      'href',
      'https://console.aws.amazon.com/cloudformation/home?region=us-east-1#/stacks/quickcreate?stackName=backstage-access',
    );
    expect(
      within(dialog).getByText(/Creates, updates and deletes/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/must be reachable by AWS/),
    ).toBeInTheDocument();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('offboards only after confirmation, then says to delete the stack', async () => {
    const api = setup();
    await renderWithApi(<AccountsPage />, { api });

    await userEvent.click(
      within(rowOf('production')).getByRole('button', { name: 'Offboard' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Offboard production (210987654321)?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    expect(api.offboardAccount).not.toHaveBeenCalled();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    await userEvent.click(
      within(rowOf('production')).getByRole('button', { name: 'Offboard' }),
    );
    const confirm = await screen.findByRole('dialog');
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Revoke all grants' }),
    );
    expect(api.offboardAccount).toHaveBeenCalledWith('210987654321');
    expect(
      await within(confirm).findByText(/delete the CloudFormation stack/),
    ).toBeInTheDocument();
  });

  it('explains why the template is unavailable', async () => {
    const api = setup();
    api.getOnboarding.mockRejectedValue(
      new Error('Account 123456789012 has no externalId'),
    );
    await renderWithApi(<AccountsPage />, { api });
    await userEvent.click(
      within(rowOf('sandbox')).getByRole('button', { name: 'CloudFormation' }),
    );
    expect(
      await screen.findByText('Account 123456789012 has no externalId'),
    ).toBeInTheDocument();
  });
});
