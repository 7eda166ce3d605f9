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

// The developer's path through the UI (issue: frontend): request access on a
// bucket's entity page, see it active with a countdown, find it in the
// catalog, revoke it, and see it gone from both. Screenshots of each step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND_URL,
  eventually,
  fillAccessRequest,
  goto,
  grantEntities,
  guestToken,
  openSignedIn,
  resourcePagePath,
  screenshot,
  withBrowser,
} from './browser.ts';

const BUCKET_ARN = 'arn:aws:s3:::sandbox-shared-assets';

test('guest requests s3:GetObject on a bucket, finds the grant in the catalog and revokes it', async () => {
  const token = await guestToken();
  const entityPath = await resourcePagePath(token, BUCKET_ARN);
  await withBrowser('frontend-failure', async browser => {
    const page = await openSignedIn(browser, entityPath);

    // 1. Request access on the entity page.
    await fillAccessRequest(page, {
      actions: ['s3:GetObject'],
      duration: '15 minutes',
      reason: 'e2e: read the shared assets',
    });
    await screenshot(page, 'frontend-1-request-form');
    await page.getByRole('button', { name: 'Request access' }).click();

    // 2. The grant is active, with a countdown and the console link.
    const timer = page.getByRole('timer').first();
    await timer.waitFor();
    assert.match((await timer.textContent()) ?? '', /1[45]m \d\ds left/);
    await page
      .getByRole('link', { name: /Sign in to the AWS console/ })
      .first()
      .waitFor();
    await screenshot(page, 'frontend-2-grant-active');

    const grants = await fetch(
      `${BACKEND_URL}/api/aws-access/grants?state=active&resourceArn=${encodeURIComponent(
        BUCKET_ARN,
      )}`,
      { headers: { Authorization: `Bearer ${token}` } },
    ).then(
      r => r.json() as Promise<{ items: { id: string; actions: string[] }[] }>,
    );
    const grant = grants.items.find(g => g.actions.includes('s3:GetObject'));
    assert.ok(grant, 'the API lists the new active grant');

    // 3. The catalog lists it among the aws-access-grant resources.
    await eventually(
      'the grant entity is in the catalog',
      async () => (await grantEntities(token, grant.id)).length === 1,
    );
    await goto(
      page,
      '/?filters%5Bkind%5D=resource&filters%5Btype%5D=aws-access-grant',
    );
    await page.getByText('guest on sandbox-shared-assets').first().waitFor();
    await screenshot(page, 'frontend-3-catalog-grants');

    // 4. Revoke it on the Active grants tab, through the confirmation dialog.
    await goto(page, entityPath);
    await page
      .getByRole('link', { name: 'Active grants', exact: true })
      .click();
    await page.getByRole('button', { name: 'Revoke' }).first().click();
    const dialog = page.getByRole('dialog', { name: /Revoke access/ });
    await dialog.waitFor();
    await screenshot(page, 'frontend-4-revoke-dialog');
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // 5. Gone from the tab and from the catalog.
    await eventually(
      'the grant entity left the catalog',
      async () => (await grantEntities(token, grant.id)).length === 0,
    );
    await page.reload();
    await page
      .getByRole('link', { name: 'Active grants', exact: true })
      .click();
    await eventually(
      'the Active grants tab no longer shows the grant',
      async () =>
        (await page.locator(`a[href*="grant=${grant.id}"]`).count()) === 0,
    );
    await page.getByText('No active grants').first().waitFor();
    await screenshot(page, 'frontend-5-revoked');
  });
});
