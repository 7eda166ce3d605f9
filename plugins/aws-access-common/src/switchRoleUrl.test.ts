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

import { switchRoleUrl } from './arn';

describe('switchRoleUrl', () => {
  it('follows the format AWS documents, with the role path in roleName', () => {
    // IAM user guide: https://signin.aws.amazon.com/switchrole?account=your_account_ID_or_alias&roleName=optional_path/role_name
    expect(
      switchRoleUrl({
        accountId: '123456789012',
        roleName: 'sandbox-payments-invoices-0f8fad5bd9cb',
        rolePath: '/backstage-access/',
        displayName: 'sandbox-payments-invoices',
      }),
    ).toBe(
      'https://signin.aws.amazon.com/switchrole?account=123456789012&roleName=backstage-access/sandbox-payments-invoices-0f8fad5bd9cb&displayName=sandbox-payments-invoices',
    );
  });

  it('leaves roleName as the bare name for a role at the root path', () => {
    const url = new URL(
      switchRoleUrl({ accountId: '123456789012', roleName: 'Admin' }),
    );
    expect(url.searchParams.get('roleName')).toBe('Admin');
    expect(url.searchParams.has('displayName')).toBe(false);
  });

  it('keeps nested paths and encodes what a query needs encoded', () => {
    const url = new URL(
      switchRoleUrl({
        accountId: '123456789012',
        roleName: 'a+b=c',
        rolePath: '/team/grants/',
        displayName: `d & e ${'x'.repeat(100)}`,
      }),
    );
    expect(url.origin).toBe('https://signin.aws.amazon.com');
    expect(url.pathname).toBe('/switchrole');
    expect(url.searchParams.get('account')).toBe('123456789012');
    expect(url.searchParams.get('roleName')).toBe('team/grants/a+b=c');
    expect(url.searchParams.get('displayName')).toHaveLength(64);
  });
});
