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

import { OutboxDispatcher, OutboxDispatcherOptions } from './OutboxDispatcher';
import { EventsWrittenHook, OutboxReceiver } from './types';
import { createOutboxWriter } from './writeOutbox';

export { OutboxDispatcher } from './OutboxDispatcher';
export type { OutboxDispatcherOptions } from './OutboxDispatcher';
export { createOutboxWriter } from './writeOutbox';
export type {
  EventsWrittenHook,
  OutboxReceiver,
  WrittenGrantEvent,
} from './types';

/**
 * The outbox of grant events: the hook the grant store calls in each
 * transaction that records events, and (once the store exists) the
 * dispatcher that delivers them to the receivers, poked as soon as the
 * transaction commits. Events committed before there is a dispatcher are
 * left for its first sweep.
 */
export class GrantOutbox {
  readonly onEventsWritten: EventsWrittenHook;
  private dispatcher?: OutboxDispatcher;

  constructor(private readonly receivers: OutboxReceiver[]) {
    this.onEventsWritten = createOutboxWriter({
      receivers,
      afterCommit: eventIds => this.dispatcher?.poke(eventIds),
    });
  }

  /** Creates the dispatcher, reading grants from `options.getGrants`. */
  deliverWith(
    options: Omit<OutboxDispatcherOptions, 'receivers'>,
  ): OutboxDispatcher {
    this.dispatcher = new OutboxDispatcher({
      ...options,
      receivers: this.receivers,
    });
    return this.dispatcher;
  }
}
