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

import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import knexFactory, { Knex } from 'knex';
import { GrantAuditor } from '../audit/GrantAuditor';
import { GrantNotifications } from '../notifications/GrantNotifications';
import {
  createCatalogEventsReceiver,
  createSignalsReceiver,
} from '../outboxReceivers/eventsAndSignalsReceivers';
import {
  createAuditReceiver,
  createNotificationsReceiver,
} from '../outboxReceivers/notificationsAndAuditReceivers';
import { eventually, storeWithOutbox } from './__testUtils__/outboxFixture';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_16'] });
const LEASE_MS = 4_000;

/** Starts crashingWriter.ts on `db`; resolves once it committed and every receiver is delivering. */
async function crashAfterCommit(db: object): Promise<string> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, '__testUtils__', 'crashingWriter.ts'),
    ],
    {
      env: {
        ...process.env,
        OUTBOX_CRASH_DB: JSON.stringify(db),
        OUTBOX_CRASH_LEASE_MS: String(LEASE_MS),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout!.on('data', chunk => {
    output += chunk;
  });
  const exited = new Promise(resolve => child.once('exit', resolve));
  try {
    await eventually(
      () =>
        ['committed', 'notice', 'audit', 'event', 'signal'].every(word =>
          output.includes(word),
        ) || output.includes('error'),
      60_000,
    );
  } finally {
    // Between commit and delivery: nothing reached a backend.
    child.kill('SIGKILL');
    await exited;
  }
  const committed = /committed (\S+)/.exec(output);
  if (!committed) throw new Error(`the writer failed: ${output}`);
  return committed[1];
}

/** The real receivers, with backends that record what they got. */
function recordingBackends() {
  const notices: NotificationSendOptions[] = [];
  const events: Array<{ type: string; state: string }> = [];
  const signals: string[] = [];
  const auditor = mockServices.auditor.mock();
  const receivers = [
    createNotificationsReceiver(
      new GrantNotifications({
        notifications: { send: async options => void notices.push(options) },
      }),
    ),
    createAuditReceiver(new GrantAuditor(auditor)),
    createCatalogEventsReceiver({
      publish: async ({ eventPayload }: any) =>
        void events.push({
          type: eventPayload.type,
          state: eventPayload.grant.state,
        }),
      subscribe: async () => {},
    }),
    createSignalsReceiver({
      publish: async ({ message }: any) => void signals.push(message.type),
    }),
  ];
  const audits = () =>
    auditor.createEvent.mock.calls.map(([e]) => [e.eventId, e.meta]);
  return { receivers, notices, events, signals, audits };
}

async function provesNoLostSideEffects(
  knex: Knex,
  childDb: object,
): Promise<void> {
  const grantId = await crashAfterCommit(childDb);

  // The change committed; its side effects wait in the outbox, claimed by
  // the dead process.
  expect(await knex('grants').where({ id: grantId }).first()).toMatchObject({
    state: 'active',
  });
  const left = await knex('grant_outbox')
    .join('grant_events', 'grant_events.id', 'grant_outbox.event_id')
    .select('type', 'receiver', 'claimed_by');
  const waiting = (type: string) =>
    left
      .filter(r => r.type === type)
      .map(r => r.receiver)
      .sort();
  expect(waiting('activated')).toEqual([
    'audit',
    'catalog-events',
    'notifications',
    'signals',
  ]);
  // (`requested` of an auto-approved grant notifies nobody: that row may
  // have been done with before the kill.)
  expect(waiting('requested')).toEqual(
    expect.arrayContaining(['catalog-events', 'signals']),
  );
  expect(left.every(r => r.claimed_by?.startsWith('outbox-'))).toBe(true);

  const backends = recordingBackends();
  const { dispatcher } = await storeWithOutbox(knex, {
    receivers: backends.receivers,
  });
  // The dead process's claims have not lapsed yet: nobody takes its rows.
  expect(await dispatcher.sweep()).toBe(0);
  await eventually(async () => {
    await dispatcher.sweep();
    return (await knex('grant_outbox')).length === 0;
  }, LEASE_MS * 3);
  await dispatcher.flush();
  // Nothing is left to deliver a second time.
  expect(await dispatcher.sweep()).toBe(0);

  const activated = await knex('grant_events')
    .where({ grant_id: grantId, type: 'activated' })
    .first();
  expect(backends.notices.map(n => [n.payload.title, n.payload.scope])).toEqual(
    [
      [
        'Your AWS access is ready',
        `aws-access:grant:${grantId}:active:${activated.id}`,
      ],
    ],
  );
  expect(backends.audits()).toEqual([
    [
      'grant-provision',
      expect.objectContaining({ grantId, grantEventId: Number(activated.id) }),
    ],
  ]);
  expect(backends.events).toEqual([
    { type: 'requested', state: 'active' },
    { type: 'activated', state: 'active' },
  ]);
  expect(backends.signals).toEqual(['requested', 'activated']);
  expect(await knex('grant_outbox')).toEqual([]);
  await dispatcher.stop(0);
}

describe('a process killed between commit and delivery', () => {
  it('loses nothing on SQLite: the next process delivers every side effect once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-crash-'));
    const db = {
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'backstage.sqlite') },
    };
    const knex = knexFactory({ ...db, useNullAsDefault: true });
    try {
      await expect(provesNoLostSideEffects(knex, db)).resolves.toBeUndefined();
    } finally {
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(databases.eachSupportedId())(
    'loses nothing on %s: the next process delivers every side effect once',
    async id => {
      const knex = await databases.init(id);
      const { client, connection } = knex.client.config;
      await expect(
        provesNoLostSideEffects(knex, { client, connection }),
      ).resolves.toBeUndefined();
    },
  );
});
