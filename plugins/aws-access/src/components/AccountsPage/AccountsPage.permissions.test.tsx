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

import { screen, within } from '@testing-library/react';
import {
  createFakeAwsAccessApi,
  makeAccount,
  renderWithApi,
  rowOf,
} from '../../__testUtils__';
import { AccountsPage } from './AccountsPage';

// A file of its own: the permission hook caches decisions per page load.
function setup() {
  const api = createFakeAwsAccessApi({
    listAccounts: { items: [makeAccount()] },
  });
  return api;
}

describe('AccountsPage for people who are not aws-access admins', () => {
  it('shows no admin controls to people the permission framework does not allow', async () => {
    const api = setup();
    await renderWithApi(<AccountsPage />, {
      api,
      deniedPermissions: ['aws-access.admin'],
    });
    await screen.findByText('sandbox');
    // Once the permission framework has answered:
    await screen.findByText(/added and removed by aws-access administrators/);
    // Status for everyone; onboarding and offboarding for admins only.
    expect(within(rowOf('sandbox')).getByText('Connected')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', {
        name: /CloudFormation|Offboard|Add an account/,
      }),
    ).not.toBeInTheDocument();
  });
});
