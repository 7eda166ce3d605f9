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
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { MockStorageApi } from '@backstage/test-utils';
import {
  ACTIONS,
  apiError,
  BUCKET_ARN,
  createFakeAwsAccessApi,
  makeBundle,
  makeBundlePreview,
  makeGrant,
  OTHER_ACCOUNT,
  OTHER_BUCKET_ARN,
  otherResourceEntity,
  renderWithApi,
  resourceEntity,
} from '../../__testUtils__';
import { AddToRequestButton } from '../AddToRequest';
import { RequestPage } from './RequestPage';

/** The demo bucket's entity page (its "Add to request") beside the request page. */
function ResourcePageAndRequest() {
  return (
    <>
      <EntityProvider entity={resourceEntity}>
        <AddToRequestButton />
      </EntityProvider>
      <RequestPage />
    </>
  );
}

function section(resourceArn: string) {
  return screen.getByRole('region', { name: `Resource ${resourceArn}` });
}

async function addBothBuckets() {
  await userEvent.click(
    await screen.findByRole('button', { name: 'Add to request' }),
  );
  // One resource: the ordinary form, exactly as on the entity page.
  expect(
    await screen.findAllByText('1 resource in your request'),
  ).not.toHaveLength(0);
  await userEvent.click(
    screen.getByRole('textbox', { name: 'Add another resource' }),
  );
  await userEvent.click(await screen.findByText(OTHER_BUCKET_ARN));
  expect(
    await screen.findAllByText('2 resources in your request'),
  ).not.toHaveLength(0);
}

async function fillIn() {
  for (const arn of [BUCKET_ARN, OTHER_BUCKET_ARN]) {
    await userEvent.click(
      await within(section(arn)).findByRole('checkbox', {
        name: 's3:GetObject',
      }),
    );
  }
  await userEvent.type(
    screen.getByRole('textbox', { name: /Reason/ }),
    'Reconcile the audit with the reports',
  );
}

describe('RequestPage', () => {
  it('sends one bundle over two resources added from their pages and the catalog, after a preview per account', async () => {
    const api = createFakeAwsAccessApi({
      listActions: { items: ACTIONS },
      previewBundle: makeBundlePreview(),
      createBundle: makeBundle({ state: 'pending' }),
    });
    await renderWithApi(<ResourcePageAndRequest />, {
      api,
      catalogEntities: [resourceEntity, otherResourceEntity],
    });

    await addBothBuckets();
    expect(screen.getAllByTestId('bundle-target')).toHaveLength(2);
    // Named as the catalog names it, not by its entity ref.
    expect(
      await within(section(OTHER_BUCKET_ARN)).findByRole('heading', {
        name: /^(audit-logs|Audit logs)$/,
      }),
    ).toBeInTheDocument();
    await fillIn();

    const preview = screen.getByTestId('bundle-preview');
    await waitFor(() =>
      expect(
        within(preview).getAllByTestId('bundle-preview-part'),
      ).toHaveLength(2),
    );
    expect(
      within(preview).getByRole('heading', { name: 'Account 123456789012' }),
    ).toBeInTheDocument();
    expect(
      within(preview).getByRole('heading', {
        name: `Account ${OTHER_ACCOUNT}`,
      }),
    ).toBeInTheDocument();
    // Every owner concerned approves, by name.
    expect(within(preview).getByTestId('preview-approval')).toHaveTextContent(
      'Needs 2 approvals from the owners platform, security',
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Request access to 2 resources' }),
    );
    await waitFor(() => expect(api.createBundle).toHaveBeenCalledTimes(1));
    expect(api.createBundle).toHaveBeenCalledWith({
      targets: [
        {
          resourceArn: BUCKET_ARN,
          actions: ['s3:GetObject'],
          accountId: '123456789012',
        },
        {
          resourceArn: OTHER_BUCKET_ARN,
          actions: ['s3:GetObject'],
          accountId: OTHER_ACCOUNT,
        },
      ],
      durationMinutes: 60,
      reason: 'Reconcile the audit with the reports',
    });
    expect(api.createGrant).not.toHaveBeenCalled();
  });

  it('shows the API’s complaint about the second resource beside that resource only', async () => {
    const api = createFakeAwsAccessApi({ listActions: { items: ACTIONS } });
    api.createBundle.mockRejectedValue(
      await apiError(
        400,
        'targets.1.actions: s3:GetObject is not allowed on audit buckets',
      ),
    );
    await renderWithApi(<ResourcePageAndRequest />, {
      api,
      catalogEntities: [resourceEntity, otherResourceEntity],
    });
    await addBothBuckets();
    await fillIn();
    await userEvent.click(
      screen.getByRole('button', { name: 'Request access to 2 resources' }),
    );

    expect(
      await within(section(OTHER_BUCKET_ARN)).findByRole('alert'),
    ).toHaveTextContent('s3:GetObject is not allowed on audit buckets');
    expect(within(section(BUCKET_ARN)).queryByRole('alert')).toBeNull();
  });

  it('says which resource lacks actions before sending anything', async () => {
    const api = createFakeAwsAccessApi({ listActions: { items: ACTIONS } });
    await renderWithApi(<ResourcePageAndRequest />, {
      api,
      catalogEntities: [resourceEntity, otherResourceEntity],
    });
    await addBothBuckets();
    await userEvent.click(
      await within(section(BUCKET_ARN)).findByRole('checkbox', {
        name: 's3:GetObject',
      }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Request access to 2 resources' }),
    );
    expect(
      within(section(OTHER_BUCKET_ARN)).getByRole('alert'),
    ).toHaveTextContent('Actions must name at least one action');
    expect(within(section(BUCKET_ARN)).queryByRole('alert')).toBeNull();
    expect(api.createBundle).not.toHaveBeenCalled();
  });

  it('keeps a single resource an ordinary request (createGrant)', async () => {
    const api = createFakeAwsAccessApi({
      listActions: { items: ACTIONS },
      createGrant: makeGrant({ state: 'pending' }),
    });
    await renderWithApi(<ResourcePageAndRequest />, {
      api,
      catalogEntities: [resourceEntity],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add to request' }),
    );
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 's3:GetObject' }),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: /Reason/ }),
      'Debug the nightly report',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Request access' }),
    );
    await waitFor(() =>
      expect(api.createGrant).toHaveBeenCalledWith({
        resourceArn: BUCKET_ARN,
        accountId: '123456789012',
        actions: ['s3:GetObject'],
        durationMinutes: 60,
        reason: 'Debug the nightly report',
      }),
    );
    expect(api.createBundle).not.toHaveBeenCalled();
  });

  it('keeps the request across pages and lets a resource be taken out', async () => {
    const api = createFakeAwsAccessApi({ listActions: { items: ACTIONS } });
    const storage = MockStorageApi.create();
    const first = await renderWithApi(<ResourcePageAndRequest />, {
      api,
      storage,
      catalogEntities: [resourceEntity, otherResourceEntity],
    });
    await addBothBuckets();
    first.unmount();

    // Another page, later: the same request is still there.
    await renderWithApi(<RequestPage />, {
      api,
      storage,
      catalogEntities: [resourceEntity, otherResourceEntity],
    });
    expect(
      await screen.findByText('2 resources in your request'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(section(BUCKET_ARN)).getByRole('button', { name: 'Remove' }),
    );
    expect(
      await screen.findByText('1 resource in your request'),
    ).toBeInTheDocument();
    expect(screen.queryAllByTestId('bundle-target')).toHaveLength(0);
  });
});
