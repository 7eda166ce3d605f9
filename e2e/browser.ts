// Shared helpers of the end-to-end tests: Debian's Chromium through
// playwright-core, signed in to the demo as a demo user.
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

export const APP_URL = process.env.APP_URL ?? 'http://localhost:3000';
export const BACKEND_URL = process.env.BACKEND_URL ?? 'http://localhost:7007';
const RESULTS_DIR = path.resolve(import.meta.dirname, '..', 'test-results');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Opens the app and signs in with the guest provider (the demo's user:default/guest). */
export async function openSignedIn(browser: Browser, urlPath = '/'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(30_000);
  await page.goto(`${APP_URL}${urlPath}`);
  const enter = page.getByRole('button', { name: /enter/i });
  const signedIn = page.getByRole('navigation').first();
  await Promise.race([enter.waitFor(), signedIn.waitFor()]);
  if (await enter.isVisible()) {
    await enter.click();
  }
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A Backstage token for the guest user, for API calls made by the tests themselves. */
export async function guestToken(): Promise<string> {
  const res = await fetch(`${BACKEND_URL}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: HTTP ${res.status}`);
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}
