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
import type { AwsAccount } from '@backstage-aws-access/plugin-aws-access-common';
import {
  createFakeAwsAccessApi,
  makeAccount,
  renderWithApi,
  rowOf,
} from '../../__testUtils__';
import { AccountsPage } from './AccountsPage';

const accounts: AwsAccount[] = [
  makeAccount({ updateAvailable: false }),
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
  const api = createFakeAwsAccessApi({ listAccounts: { items: accounts } });
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

describe('AccountsPage', () => {
  it('lists each account with its status and whether its stack needs an update', async () => {
    const api = setup();
    await renderWithApi(<AccountsPage />, { api });

    await screen.findByText('sandbox');
    const sandbox = rowOf('sandbox');
    expect(within(sandbox).getByText('Connected')).toBeInTheDocument();
    expect(
      within(sandbox).getByText(
        /Manager and reader roles, from the onboarding stack \(version\s+1\)/,
      ),
    ).toBeInTheDocument();

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

    await screen.findByText('sandbox');
    await userEvent.click(
      await within(rowOf('sandbox')).findByRole('button', {
        name: 'CloudFormation',
      }),
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
      await within(rowOf('production')).findByRole('button', {
        name: 'Offboard',
      }),
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
    await screen.findByText('sandbox');
    await userEvent.click(
      await within(rowOf('sandbox')).findByRole('button', {
        name: 'CloudFormation',
      }),
    );
    expect(
      await screen.findByText('Account 123456789012 has no externalId'),
    ).toBeInTheDocument();
  });

  it('adds an account: the stack to create and the config to paste', async () => {
    const api = setup();
    api.prepareNewAccount = jest.fn().mockResolvedValue({
      accountId: '333344445555',
      name: 'staging',
      region: 'eu-west-1',
      stackName: 'backstage-access',
      templateVersion: 1,
      templateYaml: 'Resources: {}\n',
      externalId: 'backstage-abc',
      configYaml:
        "awsAccess:\n  accounts:\n    - accountId: '333344445555'\n      externalId: backstage-abc",
      createStackCommand:
        'aws cloudformation create-stack --stack-name backstage-access',
      roles: [],
    });
    await renderWithApi(<AccountsPage />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add an account' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /AWS account ID/ }),
      '3333',
    );
    expect(
      within(dialog).getByText('The AWS account ID is 12 digits'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Generate the stack' }),
    ).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /AWS account ID/ }),
      '44445555',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Name/ }),
      'staging',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Generate the stack' }),
    );
    expect(api.prepareNewAccount).toHaveBeenCalledWith({
      accountId: '333344445555',
      name: 'staging',
      region: 'us-east-1',
    });
    const link = await within(dialog).findByRole('link', {
      name: 'Download the template',
    });
    expect(link).toHaveAttribute('download', 'backstage-access.yaml');
    expect(link.getAttribute('href')).toContain(
      encodeURIComponent('Resources: {}'),
    );
    expect(
      within(dialog).getByText(/backstage-abc/, { selector: 'code' }),
    ).toBeInTheDocument();
  });

  it('says "Update needed" for a stack that predates the grant boundary, and why, so an admin knows grants are refused there', async () => {
    const outdated = makeAccount({
      status: 'outdated',
      statusMessage:
        'The onboarding stack (template version 1) predates the BackstageAccessGrantBoundary permissions boundary: update it to version 2 before new grants.',
      updateAvailable: true,
    });
    const api = createFakeAwsAccessApi({ listAccounts: { items: [outdated] } });
    await renderWithApi(<AccountsPage />, { api });

    await screen.findByText('sandbox');
    const row = rowOf('sandbox');
    expect(within(row).getByText('Update needed')).toBeInTheDocument();
    expect(
      within(row).getByText(/predates the BackstageAccessGrantBoundary/),
    ).toBeInTheDocument();
    expect(within(row).queryByText('Connected')).not.toBeInTheDocument();
  });
});
