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
