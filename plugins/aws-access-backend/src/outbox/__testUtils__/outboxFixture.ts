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

import { GrantEventType } from '@backstage-aws-access/plugin-aws-access-common';
import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseGrantStore } from '../../database/DatabaseGrantStore';
import { NewGrantRecord } from '../../database/types';
import { GrantOutbox, OutboxDispatcherOptions } from '..';
import { OutboxReceiver } from '../types';

/** What a receiver was handed, in the order it was handed it. */
export interface Delivery {
  receiver: string;
  eventId: number;
  type: GrantEventType;
  grantId: string;
  grantState: string;
  at: number;
}

/**
 * A receiver that records each delivery; `behave` can make an attempt
 * fail (throw) or hang (never settle), by attempt number from 1.
 */
export function recordingReceiver(
  name: string,
  options: {
    accepts?: GrantEventType[];
    behave?: (attempt: number) => 'deliver' | 'fail' | 'hang';
  } = {},
): OutboxReceiver & { delivered: Delivery[]; attempts: number[] } {
  const delivered: Delivery[] = [];
  const attempts: number[] = [];
  return {
    name,
    delivered,
    attempts,
    accepts: type => !options.accepts || options.accepts.includes(type),
    async deliver(event, grant) {
      attempts.push(Date.now());
      const behaviour = options.behave?.(attempts.length) ?? 'deliver';
      if (behaviour === 'hang') {
        await new Promise(() => {});
      }
      if (behaviour === 'fail') {
        throw new Error(`${name} is down`);
      }
      delivered.push({
        receiver: name,
        eventId: event.id,
        type: event.type,
        grantId: grant.id,
        grantState: grant.state,
        at: Date.now(),
      });
    },
  };
}

/** The grant store with the outbox wired as the plugin wires it. */
export async function storeWithOutbox(
  knex: Knex,
  options: Omit<OutboxDispatcherOptions, 'db' | 'getGrants' | 'logger'> &
    Partial<Pick<OutboxDispatcherOptions, 'logger'>>,
) {
  const logger = options.logger ?? mockServices.logger.mock();
  const { receivers, ...rest } = options;
  const outbox = new GrantOutbox(receivers);
  const store = await DatabaseGrantStore.create({
    database: mockServices.database({ knex }),
    onEventsWritten: outbox.onEventsWritten,
  });
  const dispatcher = outbox.deliverWith({
    ...rest,
    db: knex,
    logger,
    getGrants: ids => store.getGrants(ids),
  });
  return { store, dispatcher, logger };
}

let counter = 0;

/** An auto-approved grant about to be provisioned. */
export function newGrant(overrides: Partial<NewGrantRecord> = {}) {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    id,
    state: 'provisioning' as const,
    requester: 'user:default/alice',
    resourceArn: `arn:aws:s3:::outbox-bucket-${process.pid}-${counter}`,
    resourceType: 's3:bucket',
    accountId: '123456789012',
    region: '',
    actions: ['s3:GetObject'],
    reason: 'outbox test',
    durationMinutes: 60,
    createdAt: new Date(),
    expiresAt: new Date(Date.now() + 3_600_000),
    roleName: `grant-${id}`,
    policyName: 'grant',
    trustPrincipalArns: ['arn:aws:iam::123456789012:user/alice'],
    statements: [],
    approvalRequirement: { mode: 'auto' as const, ruleIndex: 0 },
    ...overrides,
  } satisfies NewGrantRecord;
}

/** Records the grant's role as ready: the `activated` event. */
export function activate(store: DatabaseGrantStore, grantId: string) {
  return store.updateGrant(
    grantId,
    { states: ['provisioning'] },
    { state: 'active', activatedAt: new Date() },
    { type: 'activated', toState: 'active', actor: 'system' },
  );
}

/** Resolves once `check` holds, or fails after `ms`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms = 10_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error('timed out waiting');
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
