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

import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  GRANT_EVENTS_TOPIC,
  GRANT_SIGNAL_CHANNEL,
  GrantChangedEvent,
  GrantEventType,
  GrantSignalMessage,
} from '@backstage-aws-access/plugin-aws-access-common';
import { GrantRecord } from '../database/types';
import { BackgroundQueue } from '../notifications/BackgroundQueue';
import { toApiGrant } from './grantView';

/**
 * The identity the signals backend gives a WebSocket that brings no token at
 * all (`@backstage/plugin-signals-backend`, SignalManager.addConnection). A
 * signal addressed to it reaches every anonymous socket, so it is never
 * addressed; that user's screens fall back to polling.
 */
export const ANONYMOUS_SIGNALS_USER = 'user:default/guest';

/** Events that take a grant out of `pending`: its approvers' inboxes change too. */
const PENDING_EXITS = new Set(['approved', 'rejected', 'cancelled']);

/**
 * Who may read the grant and has a screen showing it: the requester, and
 * while it waits for approval (and when it stops waiting) the approver
 * groups. The signals backend matches these refs against each socket's
 * ownership refs, so a group ref reaches the group's members.
 */
export function signalRecipients(grant: GrantRecord, type: string): string[] {
  const refs = new Set([grant.requester]);
  const requirement = grant.approvalRequirement;
  if (
    requirement &&
    requirement.mode !== 'auto' &&
    (grant.state === 'pending' || PENDING_EXITS.has(type))
  ) {
    for (const group of requirement.approverGroups) refs.add(group);
  }
  refs.delete(ANONYMOUS_SIGNALS_USER);
  return [...refs];
}

/**
 * Tells the rest of Backstage about each grant change: the events service
 * (the catalog module keeps grant entities current from it; the whole grant,
 * since the events bus answers only backend services) and a signal, only
 * ids, to the browsers of those who may read the grant. The change is already committed when this runs,
 * so a failure here is logged, never raised: the periodic catalog refresh
 * and UI polling repair what a lost message missed.
 *
 * {@link GrantNotifier.grantChanged} queues the messages and returns at once,
 * so a slow events bus or signals service never holds up the grant engine.
 * Each goes out in order on its own queue: a stuck signals service does not
 * delay the catalog's events.
 */
export class GrantNotifier {
  private readonly events: BackgroundQueue;
  private readonly signals: BackgroundQueue;

  constructor(
    private readonly options: {
      logger: LoggerService;
      events?: EventsService;
      signals?: SignalsService;
    },
  ) {
    this.events = new BackgroundQueue({ logger: options.logger });
    this.signals = new BackgroundQueue({ logger: options.logger });
  }

  async grantChanged(grant: GrantRecord, type: GrantEventType): Promise<void> {
    const payload: GrantChangedEvent = { grant: toApiGrant(grant), type };
    const { events, signals } = this.options;
    if (events) {
      this.events.push(`publish ${type} of grant ${grant.id}`, () =>
        events.publish({ topic: GRANT_EVENTS_TOPIC, eventPayload: payload }),
      );
    }
    const recipients = signalRecipients(grant, type);
    if (signals && recipients.length > 0) {
      const message: GrantSignalMessage = { grantId: grant.id, type };
      this.signals.push(`signal ${type} of grant ${grant.id}`, () =>
        signals.publish<GrantSignalMessage>({
          recipients: { type: 'user', entityRef: recipients },
          channel: GRANT_SIGNAL_CHANNEL,
          message,
        }),
      );
    }
  }

  /**
   * Waits until the queued messages have been sent (or given up on), for at
   * most `timeoutMs` when given. Returns whether none is left.
   */
  async flush(timeoutMs?: number): Promise<boolean> {
    const flushed = await Promise.all([
      this.events.flush(timeoutMs),
      this.signals.flush(timeoutMs),
    ]);
    return flushed.every(Boolean);
  }
}
