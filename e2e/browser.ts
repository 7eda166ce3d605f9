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

/**
 * Runs `steps` in a fresh browser and closes it afterwards. When a step
 * fails, every open page is saved as the `failureShot` screenshot first, to
 * show what the user saw; a screenshot that fails hides nothing.
 */
export async function withBrowser(
  failureShot: string,
  steps: (browser: Browser) => Promise<void>,
): Promise<void> {
  const browser = await launchBrowser();
  try {
    await steps(browser);
  } catch (error) {
    for (const context of browser.contexts()) {
      for (const open of context.pages())
        await screenshot(open, failureShot).catch(() => undefined);
    }
    throw error;
  } finally {
    await browser.close();
  }
}

/** Opens the app and signs in with the guest provider (the demo's user:default/guest). */
export async function openSignedIn(
  browser: Browser,
  urlPath = '/',
): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
  });
  page.setDefaultTimeout(30_000);
  await goto(page, urlPath);
  return page;
}

/** The sidebar exists only once signed in (it is not always "visible" to Playwright). */
function sidebar(page: Page) {
  return page.locator('nav[aria-label="sidebar nav"]');
}

/**
 * Opens the app as one of the demo users (the development-only sign-in
 * picker), in a fresh browser context so sessions do not mix.
 */
export async function openSignedInAs(
  browser: Browser,
  user: string,
  urlPath = '/',
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${APP_URL}${urlPath}`);
  await page.getByRole('button', { name: `Sign in as ${user}` }).click();
  await sidebar(page).waitFor({ state: 'attached' });
  return page;
}

/** Navigates within the app, signing in again if the app asks. */
export async function goto(page: Page, urlPath: string): Promise<void> {
  await page.goto(`${APP_URL}${urlPath}`);
  const enter = page.getByRole('button', { name: /^enter$/i });
  const signedIn = sidebar(page);
  await Promise.race([
    enter.waitFor(),
    signedIn.waitFor({ state: 'attached' }),
  ]);
  if (await enter.isVisible()) {
    await enter.click();
    await signedIn.waitFor({ state: 'attached' });
  }
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

/** The catalog entity of a demo AWS resource, found by its ARN annotation. */
export async function resourceEntityByArn(
  token: string,
  arn: string,
): Promise<{ name: string; namespace: string }> {
  const params = new URLSearchParams({
    filter: `kind=resource,metadata.annotations.aws.amazon.com/arn=${arn}`,
  });
  for (let attempt = 0; attempt < 60; attempt++) {
    const res = await fetch(
      `${BACKEND_URL}/api/catalog/entities/by-query?${params}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    const body = (await res.json()) as {
      items: { metadata: { name: string; namespace?: string } }[];
    };
    if (body.items.length) {
      const { name, namespace = 'default' } = body.items[0].metadata;
      return { name, namespace };
    }
    // Discovery runs shortly after start; wait for it.
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`no catalog entity has the ARN ${arn}`);
}

/** Grant entities in the catalog (spec.type aws-access-grant) for a grant id. */
export async function grantEntities(
  token: string,
  grantId: string,
): Promise<unknown[]> {
  const params = new URLSearchParams({
    filter: `kind=resource,spec.type=aws-access-grant,metadata.annotations.aws-access/grant-id=${grantId}`,
  });
  const res = await fetch(
    `${BACKEND_URL}/api/catalog/entities/by-query?${params}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  return ((await res.json()) as { items: unknown[] }).items;
}

/** Polls `check` until it returns true, or fails after `timeoutMs`. */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** The app path of a demo AWS resource's entity page, found by its ARN. */
export async function resourcePagePath(
  token: string,
  arn: string,
): Promise<string> {
  const { name, namespace } = await resourceEntityByArn(token, arn);
  return `/catalog/${namespace}/resource/${name}`;
}

/** From a resource's entity page, opens the request form and fills it in. */
export async function fillAccessRequest(
  page: Page,
  request: { actions: string[]; duration: string; reason: string },
): Promise<void> {
  await page.getByRole('link', { name: 'Request access', exact: true }).click();
  for (const action of request.actions) {
    await page.getByRole('checkbox', { name: action, exact: true }).check();
  }
  await page.getByRole('radio', { name: request.duration }).check();
  await page.getByRole('textbox', { name: /Reason/ }).fill(request.reason);
}
