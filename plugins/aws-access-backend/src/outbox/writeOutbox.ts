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

import type { EventsWrittenHook, OutboxReceiver } from './types';

export interface OutboxWriterOptions {
  receivers: OutboxReceiver[];
  /**
   * Called once the transaction that wrote the rows has committed, with the
   * ids of the events they are for: this process delivers them at once, so
   * that the outbox adds no latency; the sweep is only the safety net.
   */
  afterCommit?: (eventIds: number[]) => void;
}

/**
 * The store's {@link EventsWrittenHook}: one row per event and interested
 * receiver, in a single insert inside the caller's transaction, so that a
 * side effect is recorded exactly when its state change commits.
 */
export function createOutboxWriter(
  options: OutboxWriterOptions,
): EventsWrittenHook {
  const { receivers, afterCommit } = options;
  return async (tx, events) => {
    const now = new Date();
    const rows = events.flatMap(event =>
      receivers
        .filter(receiver => receiver.accepts(event.type))
        .map(receiver => ({
          event_id: event.id,
          grant_id: event.grantId,
          receiver: receiver.name,
          attempts: 0,
          available_at: now,
          created_at: now,
        })),
    );
    if (rows.length === 0) {
      return;
    }
    await tx('grant_outbox').insert(rows);
    if (afterCommit) {
      const eventIds = [...new Set(rows.map(row => row.event_id))];
      // A rollback took the rows with it: nothing to deliver, nothing to log.
      tx.executionPromise.then(
        () => afterCommit(eventIds),
        () => undefined,
      );
    }
  };
}
