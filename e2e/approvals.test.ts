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

// Approvals (issue 9) through the UI, with two people: a developer (guest)
// asks for write access on a production bucket owned by another team; it
// waits as pending; the owner (bob, team-data) signs in with the demo
// sign-in picker, finds it in the approvals inbox and approves; the
// developer then sees it active. Screenshots of each step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKEND_URL,
  eventually,
  fillAccessRequest,
  guestToken,
  openSignedIn,
  openSignedInAs,
  resourcePagePath,
  screenshot,
  withBrowser,
} from './browser.ts';

// Production (210987654321) always asks the owner; team-data owns this bucket.
const BUCKET_ARN = 'arn:aws:s3:::prod-analytics-lake';
const REASON = `e2e approvals ${Date.now()}`;

type ApiGrant = { id: string; state: string; reason: string };

async function guestGrant(token: string): Promise<ApiGrant | undefined> {
  const res = await fetch(
    `${BACKEND_URL}/api/aws-access/grants?resourceArn=${encodeURIComponent(
      BUCKET_ARN,
    )}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  const body = (await res.json()) as { items: ApiGrant[] };
  return body.items.find(g => g.reason === REASON);
}

test('a developer asks for write access on production, the owner approves it, and it becomes active', async () => {
  const token = await guestToken();
  const entityPath = await resourcePagePath(token, BUCKET_ARN);
  await withBrowser('approvals-failure', async browser => {
    // 1. The developer asks for s3:PutObject.
    const developer = await openSignedIn(browser, entityPath);
    await fillAccessRequest(developer, {
      actions: ['s3:PutObject'],
      duration: '15 minutes',
      reason: REASON,
    });
    await screenshot(developer, 'approvals-1-request');
    await developer.getByRole('button', { name: 'Request access' }).click();

    // 2. It waits for the owner.
    await eventually(
      'the request is pending',
      async () => (await guestGrant(token))?.state === 'pending',
    );
    await developer
      .getByText(/pending/i)
      .first()
      .waitFor();
    await screenshot(developer, 'approvals-2-pending');

    // 3. The owner finds it in the inbox and approves it with a comment.
    const owner = await openSignedInAs(browser, 'bob', '/aws-access/approvals');
    const card = owner
      .locator('.MuiCard-root')
      .filter({ hasText: REASON })
      .first();
    await card.waitFor();
    await screenshot(owner, 'approvals-3-inbox');
    await card.getByRole('button', { name: 'Approve' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Approve access?' });
    await dialog
      .getByRole('textbox', { name: 'Comment (optional)' })
      .fill('ok for the backfill');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await screenshot(owner, 'approvals-4-approved');

    // 4. The developer sees it active.
    await eventually(
      'the grant is active',
      async () => (await guestGrant(token))?.state === 'active',
    );
    await developer.reload();
    await developer
      .getByRole('link', { name: 'Active grants', exact: true })
      .click();
    // Its row opens the grant, whose details carry the reason.
    await developer.getByTestId('grant-row-link').first().click();
    await developer.getByText(REASON).first().waitFor();
    await developer.getByRole('timer').first().waitFor();
    await screenshot(developer, 'approvals-5-active');
    assert.equal((await guestGrant(token))?.state, 'active');
  });
});
