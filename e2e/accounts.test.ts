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

// The "AWS accounts" admin page (issue: onboarding): each demo account with
// its connection status; both accounts were onboarded with the
// plugin's own CloudFormation stack (scripts/demo/onboard.ts), so they are
// up to date (the production account through its manager role).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openSignedInAs, screenshot } from './browser.ts';

test("an admin sees both demo accounts connected and an account's onboarding template", async () => {
  const browser = await launchBrowser();
  try {
    // alice is in the platform team, the demo's aws-access admins.
    const page = await openSignedInAs(browser, 'alice', '/aws-access/accounts');
    // The connection check runs just after the backend starts; reload until
    // its first results are in.
    const connected = page.getByRole('row').filter({ hasText: 'Connected' });
    for (let attempt = 0; ; attempt++) {
      try {
        await connected.nth(1).waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt >= 12) throw error;
        await page.reload();
      }
    }
    assert.equal(await connected.count(), 2);
    const production = page.getByRole('row').filter({ hasText: 'production' });
    assert.equal(await production.getByText(/Update available/).count(), 0);
    await production
      .getByText(
        /Manager and reader roles, from the onboarding stack \(version 2\)/,
      )
      .waitFor();
    await screenshot(page, 'onboarding-accounts');

    // The onboarding dialog of an account: its CloudFormation template.
    await production.getByRole('button', { name: 'CloudFormation' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('BackstageAccessManager').first().waitFor();
    await screenshot(page, 'onboarding-template');
  } finally {
    await browser.close();
  }
});
