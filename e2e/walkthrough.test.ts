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

// What a person sees (issue 15), walked by the three demo users:
// - guest (requester): presets within the cap, the preview panel, the CLI
//   snippet copied from the page and run with Debian's AWS CLI against the
//   demo's local AWS with IAM enforced (works as shown, denies what was not
//   granted, fails after revoke), "Extend by" adding to the current expiry,
//   every list row opening the grant, tables within their cards, filters in
//   the URL, and no admin controls;
// - bob (owner): approves a write request; its extension is refused in words;
// - alice (admin): the accounts page's admin controls and "Add an account".
// Fails on any console warning or error that names one of our components.
// README screenshots are 1440x900 viewport captures (docs/images).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import {
  BACKEND_URL,
  eventually,
  guestToken,
  openSignedInAs,
  resourceEntityByArn,
  resourcePagePath,
  screenshot,
  withBrowser,
} from './browser.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const IMAGES = path.join(ROOT, 'docs', 'images');
/** Debian's AWS CLI (v2.9); the pyenv one on PATH is another CLI. */
const AWS = '/usr/bin/aws';
const BUCKET = 'sandbox-analytics-raw';
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const MAX_ACTIONS = 50;

/** Our components' names: a console message naming one fails the test. */
async function ourComponentNames(): Promise<string[]> {
  const dir = path.join(ROOT, 'plugins', 'aws-access', 'src', 'components');
  return (await readdir(dir, { withFileTypes: true }))
    .filter(d => d.isDirectory())
    .map(d => d.name);
}

/** Warnings from libraries, not from our components: reported, not failed on. */
const otherWarnings = new Set<string>();

interface ConsoleProblem {
  page: string;
  type: string;
  text: string;
}

async function watchConsole(
  browser: Browser,
  user: string,
  urlPath: string,
  problems: ConsoleProblem[],
  ours: string[],
  others: Set<string> = otherWarnings,
): Promise<Page> {
  const page = await openSignedInAs(browser, user, urlPath);
  const oursPattern = new RegExp(`^(${ours.join('|')})$`);
  page.on('console', message => {
    if (message.type() !== 'warning' && message.type() !== 'error') return;
    const text = message.text();
    // React puts the component stack after the message: the warning is
    // about the first component named there. Ours when that component is
    // ours or when the message itself names our plugin; a library's own
    // warning (e.g. material-table's defaultProps inside Backstage's Table)
    // is not, even with our components further up the stack.
    const [head] = text.split(/\n\s+at /);
    const subject = /\n\s+at (\w+)/.exec(text)?.[1] ?? '';
    if (
      oursPattern.test(subject) ||
      /aws-access|plugins\/aws-access/.test(head) ||
      ours.some(name => head.includes(name))
    ) {
      problems.push({ page: page.url(), type: message.type(), text });
    } else {
      others.add(
        `${message.type()}: ${head.slice(0, 160)}${
          subject ? ` (${subject})` : ''
        } on ${new URL(page.url()).pathname}`,
      );
    }
  });
  return page;
}

/** A 1440x900 viewport capture for the README, and a copy in test-results. */
async function readmeShot(page: Page, name: string) {
  await mkdir(IMAGES, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: path.join(IMAGES, `${name}.png`) });
  await screenshot(page, `walkthrough-${name}`);
}

async function api<T>(token: string, urlPath: string, init: RequestInit = {}) {
  const res = await fetch(`${BACKEND_URL}/api/aws-access${urlPath}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...(init.headers ?? {}),
    },
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Runs the two blocks the page shows, as a person would, with Debian's AWS CLI. */
async function runSnippet(config: string, commands: string) {
  const home = await mkdtemp(path.join(os.tmpdir(), 'aws-cli-home-'));
  await mkdir(path.join(home, '.aws'));
  // "Add to ~/.aws/config": a fresh home whose config is exactly that block.
  await writeFile(path.join(home, '.aws', 'config'), `${config}\n`);
  await writeFile(path.join(home, 'commands.sh'), `set -e\n${commands}\n`);
  const env = {
    HOME: home,
    // Debian's CLI first: the snippet's `aws` (also in credential_process).
    PATH: `/usr/bin:/bin`,
  };
  const shell = (script: string) =>
    run('bash', ['-c', script], { env, cwd: home, timeout: 60_000 }).then(
      r => ({ ok: true, out: r.stdout + r.stderr }),
      (e: { stdout?: string; stderr?: string }) => ({
        ok: false,
        out: `${e.stdout ?? ''}${e.stderr ?? ''}`,
      }),
    );
  return { home, shell, runCommands: () => shell('bash commands.sh') };
}

/** The text a code block on the page shows (what its copy button copies). */
async function codeBlockText(page: Page, testId: string): Promise<string> {
  const block = page.getByTestId(testId);
  await block.waitFor();
  const text = await block.locator('pre').first().innerText();
  return text.replace(/\u00a0/g, ' ').trimEnd();
}

async function selectedCount(page: Page): Promise<number> {
  const text = await page.getByText(/of at most \d+ actions/).innerText();
  return Number(/^(\d+)/.exec(text.trim())?.[1]);
}

/**
 * Whether the first row's Revoke button lies within `width` pixels, once
 * the table has laid itself out again (a resize re-renders its columns).
 */
async function revokeFits(page: Page, width: number): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const box = await page
      .getByRole('button', { name: 'Revoke' })
      .first()
      .boundingBox();
    if (box && box.x + box.width <= width) {
      return true;
    }
    await page.waitForTimeout(100);
  }
  return false;
}

test('guest, bob and alice: every screen and snippet works as shown', async () => {
  const started = Date.now();
  const ours = await ourComponentNames();
  const problems: ConsoleProblem[] = [];
  await withBrowser('walkthrough-failure', async browser => {
    const guest = await watchConsole(browser, 'guest', '/', problems, ours);
    const token = await guestToken();
    // A run starts from no live grant of guest's on the bucket (reruns
    // against a running demo would otherwise hit "you already have this").
    const live = await api<{ items: { id: string; state: string }[] }>(
      token,
      `/grants?state=active&state=pending&resourceArn=${encodeURIComponent(
        BUCKET_ARN,
      )}`,
    );
    for (const g of live.body.items) {
      await api(
        token,
        `/grants/${g.id}/${g.state === 'pending' ? 'cancel' : 'revoke'}`,
        { method: 'POST', body: '{}' },
      );
    }
    const bucketPath = await resourcePagePath(token, BUCKET_ARN);

    // --- Presets fit the cap, on each kind of demo resource -------------
    for (const arn of [
      BUCKET_ARN,
      'arn:aws:dynamodb:us-east-1:123456789012:table/sandbox-payments-ledger',
    ]) {
      const entity = await resourceEntityByArn(token, arn);
      await guest.goto(
        `${new URL(guest.url()).origin}/catalog/${entity.namespace}/resource/${
          entity.name
        }/aws-access/request`,
      );
      await guest.getByRole('button', { name: 'Read-write' }).click();
      const rw = await selectedCount(guest);
      assert.ok(rw > 0 && rw <= MAX_ACTIONS, `${arn}: Read-write ${rw}`);
      for (const destructive of [
        's3:DeleteBucket',
        's3:CreateBucket',
        's3:PutBucketPolicy',
        's3:PutReplicationConfiguration',
        's3:PutLifecycleConfiguration',
        'dynamodb:DeleteTable',
        'dynamodb:CreateTable',
        'dynamodb:UpdateTable',
      ]) {
        const box = guest.getByRole('checkbox', {
          name: destructive,
          exact: true,
        });
        if (await box.count()) {
          assert.equal(await box.isChecked(), false, `${destructive} picked`);
        }
      }
      await guest.getByRole('button', { name: 'Read', exact: true }).click();
      const read = await selectedCount(guest);
      assert.ok(read > 0 && read < rw, `${arn}: Read ${read}`);
    }

    // --- Request with the Read preset: limits up front, preview ---------
    await guest.goto(
      `${new URL(guest.url()).origin}${bucketPath}/aws-access/request`,
    );
    // The maximum duration arrives with the accounts; wait for it rather
    // than reading the line before it is complete.
    await guest
      .getByTestId('request-limits')
      .filter({ hasText: /Up to 50 actions, for at most 12 hours/ })
      .waitFor();
    await guest.getByRole('button', { name: 'Read', exact: true }).click();
    await guest.getByRole('radio', { name: '1 hour' }).check();
    await guest
      .getByRole('textbox', { name: /Reason/ })
      .fill('e2e: read the raw analytics data');
    const preview = guest.getByTestId('grant-preview');
    await preview.getByText('Active at once').waitFor();
    await preview.getByText(/Only reads and lists/).waitFor();
    // Open the permission policy for the picture, once the preview settled.
    await guest.waitForTimeout(800);
    const policy = preview.getByRole('button', { name: /Permission policy/ });
    await eventually('the permission policy is open', async () => {
      if ((await policy.getAttribute('aria-expanded')) !== 'true') {
        await policy.click();
        await guest.waitForTimeout(500);
      }
      return (await policy.getAttribute('aria-expanded')) === 'true';
    });
    await preview
      .getByText(/aws:CurrentTime/)
      .first()
      .waitFor();
    await guest.waitForTimeout(400);
    await readmeShot(guest, 'preview-panel');
    await guest.getByRole('button', { name: 'Request access' }).click();

    // --- The grant's details: two blocks, each with its copy button -----
    const config = await codeBlockText(guest, 'aws-cli-config');
    const commands = await codeBlockText(guest, 'aws-cli-commands');
    for (const id of ['aws-cli-config', 'aws-cli-commands']) {
      assert.equal(
        await guest.getByTestId(id).getByRole('button').count(),
        1,
        `${id} has its own copy button`,
      );
    }
    assert.match(config, /^\[profile aws-access-[a-z0-9]+\]$/m);
    assert.match(config, /\.demo\/aws-credentials/);
    assert.match(config, /^region = us-east-1$/m);
    assert.match(config, /--duration-seconds (\d+)/);
    assert.doesNotMatch(commands, /^\[profile|role_arn/m);
    const seconds = Number(/--duration-seconds (\d+)/.exec(config)![1]);
    assert.ok(seconds > 3000 && seconds <= 3600, `duration ${seconds}`);
    await guest.getByRole('timer').first().waitFor();
    await readmeShot(guest, 'grant-details');

    // --- The snippet works as shown, and denies what was not granted ----
    const cli = await runSnippet(config, commands);
    const shown = await cli.runCommands();
    assert.ok(shown.ok, `the commands as shown failed:\n${shown.out}`);
    assert.match(shown.out, /assumed-role\/.+\/guest/);
    assert.match(shown.out, /Demo object in sandbox-analytics-raw/);
    const profile = /^\[profile (\S+)\]$/m.exec(config)![1];
    const endpoint = /^endpoint_url = (\S+)$/m.exec(config)![1];
    const creds = /^export AWS_SHARED_CREDENTIALS_FILE=.*$/m.exec(commands)![0];
    const write = await cli.shell(
      `${creds}\necho x | ${AWS} s3 cp - s3://${BUCKET}/e2e.txt --profile ${profile} --endpoint-url ${endpoint}`,
    );
    assert.equal(write.ok, false, 'PutObject was not granted');
    assert.match(write.out, /AccessDenied/);
    const plain = await cli.shell(
      `${creds}\n${AWS} s3api list-objects-v2 --bucket ${BUCKET} --profile guest --endpoint-url ${endpoint} --region us-east-1`,
    );
    assert.equal(plain.ok, false, 'the plain demo user has nothing');
    assert.match(plain.out, /AccessDenied/);

    // --- Extend by 15 minutes adds 15 minutes to the current expiry -----
    const mine = await api<{ items: { id: string; actions: string[] }[] }>(
      token,
      `/grants?state=active&resourceArn=${encodeURIComponent(BUCKET_ARN)}`,
    );
    const grantId = mine.body.items.find(
      g =>
        g.actions.includes('s3:ListBucket') &&
        !g.actions.includes('s3:PutObject'),
    )!.id;
    const before = await api<{ expiresAt: string }>(
      token,
      `/grants/${grantId}`,
    );
    await guest.getByRole('button', { name: 'Extend' }).first().click();
    const extend = guest.getByRole('dialog', { name: 'Extend access' });
    await extend.getByRole('radio', { name: '15 minutes' }).check();
    await extend.getByRole('button', { name: 'Extend' }).click();
    await extend.waitFor({ state: 'hidden' });
    const after = await api<{ expiresAt: string }>(token, `/grants/${grantId}`);
    assert.equal(
      Date.parse(after.body.expiresAt) - Date.parse(before.body.expiresAt),
      15 * 60_000,
      'Extend by 15 minutes adds 15 minutes',
    );

    // --- Every list row opens the grant ----------------------------------
    const origin = new URL(guest.url()).origin;
    for (const tab of ['aws-access/grants', 'aws-access/expiry']) {
      await guest.goto(`${origin}${bucketPath}/${tab}`);
      const link = guest.locator(`a[href*="grant=${grantId}"]`).first();
      await link.waitFor();
      await link.click();
      await guest.waitForURL(new RegExp(`grant=${grantId}`));
      await guest.getByTestId('aws-cli-config').waitFor();
    }

    // --- Grants page: fits its card, filters in the URL, rows open ------
    await guest.goto(`${origin}/aws-access/grants`);
    const row = guest.locator(`a[href*="grant=${grantId}"]`).first();
    await row.waitFor();
    const overflow = await guest.evaluate(() =>
      [...document.querySelectorAll('table')].map(table => {
        const card =
          table.closest('.MuiPaper-root') ?? table.parentElement ?? table;
        return {
          table: table.getBoundingClientRect().width,
          card: card.getBoundingClientRect().width,
        };
      }),
    );
    assert.ok(overflow.length > 0);
    for (const { table, card } of overflow) {
      assert.ok(
        table <= card + 1,
        `table ${table}px wider than card ${card}px`,
      );
    }
    // Nothing breaks mid-word, and the row's buttons are on screen.
    assert.ok(await revokeFits(guest, 1440), 'Revoke is within the page');
    await readmeShot(guest, 'grants-page');
    await guest
      .getByRole('search')
      .getByRole('button', { name: /State/ })
      .click();
    await guest.getByRole('option', { name: 'Active' }).click();
    await guest.waitForURL(/state=active/);
    await guest.reload();
    await guest.locator(`a[href*="grant=${grantId}"]`).first().waitFor();
    assert.match(guest.url(), /state=active/);
    // At 800 px the row's actions stay visible.
    await guest.setViewportSize({ width: 800, height: 900 });
    assert.ok(await revokeFits(guest, 800), 'Revoke at 800 px');
    await guest.setViewportSize({ width: 1440, height: 900 });
    await guest.locator(`a[href*="grant=${grantId}"]`).first().click();
    await guest.waitForURL(new RegExp(`grant=${grantId}`));

    // --- Revoke: the snippet stops working ------------------------------
    await guest.getByRole('button', { name: 'Revoke' }).first().click();
    const revoke = guest.getByRole('dialog', { name: /Revoke access/ });
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await revoke.waitFor({ state: 'hidden' });
    await eventually(
      'the grant is revoked',
      async () =>
        (
          await api<{ state: string }>(token, `/grants/${grantId}`)
        ).body.state === 'revoked',
    );
    const afterRevoke = await cli.runCommands();
    assert.equal(afterRevoke.ok, false, 'the snippet fails after revoke');

    // --- Non-admins see no admin controls -------------------------------
    await guest.goto(`${origin}/aws-access/accounts`);
    await guest
      .getByText(/added and removed by aws-access administrators/)
      .waitFor();
    assert.equal(
      await guest
        .getByRole('button', { name: /CloudFormation|Offboard|Add an account/ })
        .count(),
      0,
    );

    // --- bob approves guest's write request; its extension is refused ---
    await guest.goto(`${origin}${bucketPath}/aws-access/request`);
    await guest
      .getByRole('checkbox', { name: 's3:PutObject', exact: true })
      .check();
    await guest.getByRole('radio', { name: '1 hour' }).check();
    await guest.getByRole('textbox', { name: /Reason/ }).fill('e2e: backfill');
    await preview
      .getByText(/Needs 1 approval from the resource owner/)
      .waitFor();
    await preview.getByText('s3:PutObject · Write').waitFor();
    await guest.getByRole('button', { name: 'Request access' }).click();
    const bob = await watchConsole(
      browser,
      'bob',
      '/aws-access/approvals',
      problems,
      ours,
    );
    const card = bob.getByRole('article').filter({ hasText: 'e2e: backfill' });
    await card.getByTestId('grant-row-link').click();
    await bob.waitForURL(/grant=/);
    await bob.goBack();
    await card.getByRole('button', { name: 'Approve' }).click();
    const approve = bob.getByRole('dialog', { name: 'Approve access?' });
    await approve.getByRole('button', { name: 'Approve' }).click();
    await approve.waitFor({ state: 'hidden' });
    const writeGrant = (
      await api<{ items: { id: string; actions: string[] }[] }>(
        token,
        `/grants?state=active&resourceArn=${encodeURIComponent(BUCKET_ARN)}`,
      )
    ).body.items.find(g => g.actions.includes('s3:PutObject'));
    assert.ok(writeGrant, 'the approved grant is active');
    await guest.goto(`${origin}/aws-access/grants?grant=${writeGrant.id}`);
    const blocked = guest.getByTestId('extension-blocked');
    await blocked.waitFor();
    const why = await blocked.innerText();
    assert.match(why, /needs approval by the owner of this resource/);
    assert.doesNotMatch(why, /rule \d|group:|[0-9a-f]{8}-[0-9a-f]{4}/);
    assert.equal(
      await guest.getByRole('button', { name: 'Extend' }).count(),
      0,
    );
    await api(token, `/grants/${writeGrant.id}/revoke`, {
      method: 'POST',
      body: '{}',
    });

    // --- alice: the admin controls and "Add an account" ------------------
    const alice = await watchConsole(
      browser,
      'alice',
      '/aws-access/accounts',
      problems,
      ours,
    );
    await alice
      .getByRole('button', { name: 'CloudFormation' })
      .first()
      .waitFor();
    await alice.getByRole('button', { name: 'Add an account' }).click();
    const add = alice.getByRole('dialog', { name: 'Add an AWS account' });
    await add
      .getByRole('textbox', { name: /AWS account ID/ })
      .fill('333344445555');
    await add.getByRole('textbox', { name: /Name/ }).fill('staging');
    await add.getByRole('button', { name: 'Generate the stack' }).click();
    await add.getByRole('link', { name: 'Download the template' }).waitFor();
    await add
      .getByText(
        /managerRoleArn: arn:aws:iam::333344445555:role\/BackstageAccessManager/,
      )
      .waitFor();

    if (otherWarnings.size) {
      console.log(
        `console warnings from libraries (not ours):\n${[...otherWarnings].join(
          '\n',
        )}`,
      );
    }
    assert.deepEqual(problems, [], 'our components left console warnings');
    const seconds_ = Math.round((Date.now() - started) / 1000);
    console.log(`walkthrough took ${seconds_} s`);
  });
});
