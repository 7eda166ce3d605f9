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

// Smoke test of the running demo: the catalog shows the demo's AWS resources
// and the aws-access backend answers its health check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND_URL,
  launchBrowser,
  openSignedIn,
  screenshot,
} from './browser.ts';

test('the demo serves the catalog with the plugins installed', async () => {
  const health = await fetch(`${BACKEND_URL}/api/aws-access/health`);
  assert.deepEqual(await health.json(), { status: 'ok' });

  const browser = await launchBrowser();
  try {
    // The catalog is the demo's home page; its Resource list shows the AWS
    // resources discovered in both demo accounts.
    const page = await openSignedIn(browser, '/?filters%5Bkind%5D=resource');
    await page
      .getByText('sandbox-payments-invoices', { exact: true })
      .first()
      .waitFor();
    await page
      .getByText('prod-payments-invoices', { exact: true })
      .first()
      .waitFor();
    await screenshot(page, 'catalog');
  } finally {
    await browser.close();
  }
});
