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
import type { AwsAccessApi } from '@backstage-aws-access/plugin-aws-access-common';
import {
  ACTIONS,
  apiError,
  BUCKET_ARN,
  createFakeAwsAccessApi,
  givenGrant,
  never,
  renderWithApi,
  ROLE_ARN,
} from '../../__testUtils__';
import { RequestAccessForm } from './RequestAccessForm';

/** The form for the demo bucket, as its entity page shows it. */
function renderForm(api: AwsAccessApi) {
  return renderWithApi(<RequestAccessForm resourceArn={BUCKET_ARN} />, {
    api,
  });
}

/** Asks for s3:GetObject with the shortest reason, and sends. */
async function requestGetObject() {
  await userEvent.click(
    await screen.findByRole('checkbox', { name: 's3:GetObject' }),
  );
  await userEvent.type(screen.getByRole('textbox', { name: /Reason/ }), 'x');
  await userEvent.click(screen.getByRole('button', { name: 'Request access' }));
}

/** Which of the named actions the form has ticked. */
function ticked(...names: string[]): string[] {
  return names.filter(
    name =>
      (screen.getByRole('checkbox', { name }) as HTMLInputElement).checked,
  );
}

describe('RequestAccessForm', () => {
  it('shows progress while the actions load', async () => {
    const api = createFakeAwsAccessApi();
    api.listActions.mockReturnValue(never());
    await renderForm(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.listActions).toHaveBeenCalledWith(BUCKET_ARN);
  });

  it('shows the API error when the actions cannot be loaded', async () => {
    const api = createFakeAwsAccessApi();
    api.listActions.mockRejectedValue(
      await apiError(400, 'resourceArn is not a valid ARN'),
    );
    await renderForm(api);
    expect(
      await screen.findByText('resourceArn is not a valid ARN'),
    ).toBeInTheDocument();
  });

  it('says so when no action applies to the resource', async () => {
    const api = createFakeAwsAccessApi({ listActions: { items: [] } });
    await renderForm(api);
    expect(
      await screen.findByText('No IAM actions for this resource'),
    ).toBeInTheDocument();
  });

  it('shows the API’s validation messages and sends nothing', async () => {
    const api = createFakeAwsAccessApi({ listActions: { items: ACTIONS } });
    await renderForm(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Request access' }),
    );
    expect(
      screen.getByText('Actions must name at least one action'),
    ).toBeInTheDocument();
    expect(screen.getByText('Reason is required')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: 'Custom' }));
    expect(screen.getByText('Duration is required')).toBeInTheDocument();
    expect(api.createGrant).not.toHaveBeenCalled();

    // Messages clear as the fields are fixed.
    await userEvent.click(
      screen.getByRole('checkbox', { name: 's3:GetObject' }),
    );
    expect(
      screen.queryByText('Actions must name at least one action'),
    ).not.toBeInTheDocument();
  });

  it('groups actions by access level, searches and applies presets', async () => {
    const api = createFakeAwsAccessApi({ listActions: { items: ACTIONS } });
    await renderForm(api);
    const read = await screen.findByRole('group', { name: 'Read actions' });
    expect(within(read).getByText('s3:GetObject')).toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'Permissions management actions' }),
    ).toBeInTheDocument();

    // Curated for S3 buckets: the data plane only, not bucket configuration.
    await userEvent.click(screen.getByRole('button', { name: 'Read' }));
    expect(
      ticked(
        's3:ListBucket',
        's3:GetObject',
        's3:GetBucketTagging',
        's3:PutObject',
      ),
    ).toEqual(['s3:ListBucket', 's3:GetObject']);
    expect(
      screen.getByText(/2 of at most 50 actions selected/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Read-write' }));
    expect(ticked('s3:PutObject', 's3:PutBucketPolicy')).toEqual([
      's3:PutObject',
    ]);

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search actions' }),
      'policy',
    );
    expect(
      screen.queryByRole('checkbox', { name: 's3:GetObject' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', { name: 's3:PutBucketPolicy' }),
    ).toBeInTheDocument();
  });

  it('requests access and shows the grant with console link and CLI profile', async () => {
    const { api, grant } = givenGrant();
    api.listActions.mockResolvedValue({ items: ACTIONS });
    api.createGrant.mockResolvedValue({
      ...grant,
      state: 'provisioning',
      roleArn: undefined,
      expiresAt: undefined,
    });
    await renderWithApi(
      <RequestAccessForm resourceArn={BUCKET_ARN} accountId="123456789012" />,
      { api },
    );

    await userEvent.click(
      await screen.findByRole('checkbox', { name: 's3:GetObject' }),
    );
    await userEvent.click(screen.getByRole('radio', { name: '15 minutes' }));
    await userEvent.type(
      screen.getByRole('textbox', { name: /Reason/ }),
      'Debug the nightly report',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Request access' }),
    );

    expect(api.createGrant).toHaveBeenCalledWith({
      resourceArn: BUCKET_ARN,
      actions: ['s3:GetObject'],
      durationMinutes: 15,
      reason: 'Debug the nightly report',
      accountId: '123456789012',
    });
    expect(await screen.findByText('Active')).toBeInTheDocument();
    expect(screen.getByRole('timer')).toHaveTextContent(/1[34]m \d\ds left/);
    expect(
      screen.getByRole('link', { name: /Sign in to the AWS console/ }),
    ).toHaveAttribute('href', grant.signInUrl);
    // Two blocks: the profile, then the commands that use it.
    const config = screen.getByTestId('aws-cli-config');
    expect(config).toHaveTextContent(`role_arn = ${ROLE_ARN}`);
    expect(config).toHaveTextContent('source_profile = guest');
    expect(config).toHaveTextContent('region = us-east-1');
    expect(screen.getByTestId('aws-cli-commands')).toHaveTextContent(
      'aws sts get-caller-identity --profile aws-access-',
    );
  });

  it('shows the API’s own words when the request is refused', async () => {
    const api = createFakeAwsAccessApi({ listActions: { items: ACTIONS } });
    api.createGrant.mockRejectedValue(
      await apiError(400, 'durationMinutes must be at most 720'),
    );
    await renderForm(api);
    await requestGetObject();
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Duration must be at most 720 minutes',
      ),
    );
    expect(
      screen.getByRole('button', { name: 'Request access' }),
    ).toBeEnabled();

    // The answer was about the request as it was: changing a field clears it.
    await userEvent.click(screen.getByRole('radio', { name: '15 minutes' }));
    expect(
      screen.queryByText('Duration must be at most 720 minutes'),
    ).not.toBeInTheDocument();
  });

  it('states the limits, and previews who approves and the exact policies', async () => {
    const api = createFakeAwsAccessApi({ listActions: { items: ACTIONS } });
    api.listAccounts.mockResolvedValue({
      items: [],
      limits: { maxDurationMinutes: 720, maxActions: 50 },
    });
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:PutObject'] }],
    };
    (api.previewGrant as jest.Mock).mockResolvedValue({
      resourceArn: BUCKET_ARN,
      resourceType: 's3:bucket',
      accountId: '123456789012',
      region: '',
      actions: ['s3:PutObject'],
      durationMinutes: 60,
      expiresAt: new Date().toISOString(),
      maxDurationMinutes: 720,
      trustPolicy: policy,
      permissionPolicy: policy,
      approval: {
        mode: 'groups',
        count: 1,
        approverGroups: ['group:default/team-data'],
      },
      sensitiveActions: [{ action: 's3:PutObject', accessLevel: 'Write' }],
    });
    await renderForm(api);
    expect(await screen.findByTestId('request-limits')).toHaveTextContent(
      'Up to 50 actions, for at most 12 hours',
    );
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 's3:PutObject' }),
    );
    await userEvent.type(screen.getByRole('textbox', { name: /Reason/ }), 'x');
    expect(await screen.findByTestId('preview-approval')).toHaveTextContent(
      /Needs 1 approval from a member of .*team-data/,
    );
    expect(screen.getByText('s3:PutObject · Write')).toBeInTheDocument();
    expect(api.previewGrant).toHaveBeenLastCalledWith({
      resourceArn: BUCKET_ARN,
      actions: ['s3:PutObject'],
      durationMinutes: 60,
      reason: 'x',
    });
    expect(api.createGrant).not.toHaveBeenCalled();
  });

  it('links to the existing grant of an identical request and offers Extend', async () => {
    const { api } = givenGrant({ id: 'existing-grant' });
    api.listActions.mockResolvedValue({ items: ACTIONS });
    api.createGrant.mockRejectedValue(
      await apiError(
        409,
        'You already have this access (active); extend that grant instead.',
        'ConflictError',
        { grantId: 'existing-grant' },
      ),
    );
    await renderForm(api);
    await requestGetObject();
    const notice = await screen.findByTestId('duplicate-grant');
    expect(
      within(notice).getByRole('link', { name: 'Open your existing grant' }),
    ).toHaveAttribute('href', '/aws-access/grants?grant=existing-grant');
    expect(
      await within(notice).findByRole('button', { name: 'Extend' }),
    ).toBeInTheDocument();
  });
});
