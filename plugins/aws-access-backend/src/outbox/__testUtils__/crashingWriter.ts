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

/*
 * Run as a child process by crash.test.ts (through the Backstage CLI's node
 * transform): records a grant becoming active, with the outbox, against the
 * database named in OUTBOX_CRASH_DB, while every backend the receivers talk
 * to hangs. It reports each step on stdout; the test kills it with SIGKILL
 * once the change has committed and the deliveries have started.
 */

import knexFactory from 'knex';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { DatabaseGrantStore } from '../../database/DatabaseGrantStore';
import { GrantAuditor } from '../../audit/GrantAuditor';
import { GrantNotifications } from '../../notifications/GrantNotifications';
import {
  createCatalogEventsReceiver,
  createSignalsReceiver,
} from '../../outboxReceivers/eventsAndSignalsReceivers';
import {
  createAuditReceiver,
  createNotificationsReceiver,
} from '../../outboxReceivers/notificationsAndAuditReceivers';
import { GrantOutbox } from '..';
import { activate, newGrant } from './outboxFixture';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** A backend call that reports itself and never returns. */
const hangs =
  (what: string) =>
  (..._args: unknown[]): Promise<any> => {
    say(`delivering ${what}`);
    return new Promise(() => {});
  };

async function main() {
  const db = knexFactory({
    ...JSON.parse(process.env.OUTBOX_CRASH_DB!),
    useNullAsDefault: true,
  });
  const database: DatabaseService = { getClient: async () => db };
  const logger = {
    error: () => {},
    warn: () => {},
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  const outbox = new GrantOutbox([
    createNotificationsReceiver(
      new GrantNotifications({ notifications: { send: hangs('notice') } }),
    ),
    createAuditReceiver(new GrantAuditor({ createEvent: hangs('audit') })),
    createCatalogEventsReceiver({
      publish: hangs('event'),
      subscribe: async () => {},
    }),
    createSignalsReceiver({ publish: hangs('signal') }),
  ]);
  const store = await DatabaseGrantStore.create({
    database,
    onEventsWritten: outbox.onEventsWritten,
  });
  outbox.deliverWith({
    db,
    logger,
    getGrants: ids => store.getGrants(ids),
    claimLeaseMs: Number(process.env.OUTBOX_CRASH_LEASE_MS),
  });
  const grant = await store.insertGrant(newGrant(), {
    type: 'requested',
    actor: 'user:default/alice',
  });
  await activate(store, grant.id);
  say(`committed ${grant.id}`);
}

main().catch(error => {
  say(`error ${error?.stack ?? error}`);
  process.exit(1);
});
