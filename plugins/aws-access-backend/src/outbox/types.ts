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

import type {
  GrantEvent,
  GrantEventType,
} from '@backstage-aws-access/plugin-aws-access-common';
import type { Knex } from 'knex';
import type { GrantRecord } from '../database/types';

/** A grant history row just inserted, as the outbox needs to know it. */
export interface WrittenGrantEvent {
  id: number;
  grantId: string;
  type: GrantEventType;
}

/**
 * Called by the grant store inside the very transaction that inserted
 * grant history rows, so that what must follow a state change (notices,
 * events, signals, audit records) is recorded if and only if the change
 * commits: the transactional outbox.
 */
export type EventsWrittenHook = (
  tx: Knex.Transaction,
  events: WrittenGrantEvent[],
) => Promise<void>;

/**
 * One consumer of grant events (notifications, audit, catalog events,
 * signals). Delivery is at least once: a receiver sees an event again when
 * a replica died after delivering it but before recording that, so each
 * must make a second delivery harmless where it can tell (a notification
 * scope, an event id in the audit record).
 */
export interface OutboxReceiver {
  /** Stored in outbox rows, so renaming a receiver strands its rows. */
  readonly name: string;
  /** Whether events of this type concern it: no row is written otherwise. */
  accepts(type: GrantEventType): boolean;
  /**
   * Delivers one event, with the grant as it is now (not as it was when the
   * event was recorded). Throws to have it retried later.
   */
  deliver(event: GrantEvent, grant: GrantRecord): Promise<void>;
}
