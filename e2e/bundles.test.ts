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

// Bundles (issue #14): the guest adds two buckets in two accounts to one
// request from their entity pages, picks actions per bucket, sees one part
// per account in the preview, sends it and lands on the bundle's page.
// Screenshots of the form and the bundle page at 1440x900.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  goto,
  guestToken,
  launchBrowser,
  resourcePagePath,
  screenshot,
} from './browser.ts';

const BUCKETS = [
  {
    arn: 'arn:aws:s3:::sandbox-shared-assets',
    account: '123456789012',
    accountName: 'sandbox',
  },
  {
    arn: 'arn:aws:s3:::prod-analytics-lake',
    account: '210987654321',
    accountName: 'production',
  },
];
// The README's pictures, like the walkthrough's: 1440x900 viewport captures.
const SCREENSHOTS = path.resolve(import.meta.dirname, '..', 'docs', 'images');

async function viewportShot(page: Page, name: string) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

test('guest requests two buckets in two accounts as one bundle', async () => {
  const token = await guestToken();
  const browser = await launchBrowser();
  try {
    // As openSignedIn, with more patience: the dev server and Chromium
    // share a busy machine with the backend.
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    page.setDefaultTimeout(120_000);
    await goto(page, '/');

    // 1. "Add to request" on each bucket's page; the count follows.
    for (const [i, bucket] of BUCKETS.entries()) {
      await goto(page, await resourcePagePath(token, bucket.arn));
      await page
        .getByRole('link', { name: 'Request access', exact: true })
        .click();
      await page.getByRole('button', { name: 'Add to request' }).click();
      await page
        .getByText(
          `${i + 1} ${i === 0 ? 'resource' : 'resources'} in your request`,
        )
        .first()
        .waitFor();
    }
    await page.getByRole('link', { name: 'Review and send' }).first().click();
    await page.waitForURL(/\/aws-access\/request$/);

    // 2. Actions per bucket, one duration and one reason.
    for (const bucket of BUCKETS) {
      const section = page.getByRole('region', {
        name: `Resource ${bucket.arn}`,
      });
      await section
        .getByRole('checkbox', { name: 's3:GetObject', exact: true })
        .check();
    }
    await page
      .getByRole('textbox', { name: /Reason/ })
      .fill('e2e: reconcile the shared assets with the analytics lake');

    // 3. The preview: one part per account.
    const parts = page.getByTestId('bundle-preview-part');
    await parts.nth(1).waitFor();
    assert.equal(await parts.count(), 2);
    for (const bucket of BUCKETS) {
      await page
        .getByTestId('bundle-preview')
        .getByText(`Account ${bucket.accountName} (${bucket.account})`)
        .waitFor();
    }
    await viewportShot(page, 'bundle-request');
    await screenshot(page, 'bundles-1-request-form');

    // 4. One bundle is sent; its page lists both parts.
    await page
      .getByRole('button', { name: 'Request access to 2 resources' })
      .click();
    await page.waitForURL(/\/aws-access\/bundles\/[^/]+$/);
    const rows = page.getByTestId('bundle-part');
    await rows.nth(1).waitFor();
    assert.equal(await rows.count(), 2);
    for (const bucket of BUCKETS) {
      await page
        .getByRole('table', { name: 'Parts of the request' })
        .getByText(`${bucket.accountName} (${bucket.account})`)
        .waitFor();
    }
    await viewportShot(page, 'bundle-page');
    await screenshot(page, 'bundles-2-bundle-page');

    // 5. The API agrees: one bundle over both buckets.
    const id = page.url().split('/').pop()!;
    const bundleUrl = `${
      process.env.BACKEND_URL ?? 'http://localhost:7007'
    }/api/aws-access/bundles/${id}`;
    const bundle = (await fetch(bundleUrl, {
      headers: { Authorization: `Bearer ${token}` },
    }).then(r => r.json())) as {
      grants: { accountId: string; targets?: { resourceArn: string }[] }[];
    };
    assert.deepEqual(
      bundle.grants.map(g => g.accountId).sort(),
      BUCKETS.map(b => b.account).sort(),
    );

    // 6. Withdrawn as a whole: the other tests ask for these buckets again,
    // which a live identical request would refuse.
    const cancelled = (await fetch(`${bundleUrl}/cancel`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: '{}',
    }).then(r => r.json())) as { state: string; grants: { state: string }[] };
    assert.equal(cancelled.state, 'cancelled');
    assert.deepEqual(
      cancelled.grants.map(g => g.state),
      ['cancelled', 'cancelled'],
    );
  } finally {
    await browser.close();
  }
});
