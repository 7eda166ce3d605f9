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
import { defineReceiver } from '../outbox/defineReceiver';
import { toApiGrant } from '../grantApi/grantView';

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
 * The events other parts of Backstage hear of: the state changes and the
 * steps a screen shows. Internal steps (a role created, a policy deleted, a
 * failed extension that changed nothing, the reconciler's repairs) are not
 * published, as before the outbox.
 */
const PUBLISHED: readonly GrantEventType[] = [
  'requested',
  'approval-recorded',
  'approved',
  'rejected',
  'cancelled',
  'activated',
  'step-failed',
  'provisioning-failed',
  'extended',
  'expiring',
  'revoke-requested',
  'revoked',
  'expired',
  'failed',
];

/**
 * Publishes each grant change on the events service, with the whole grant
 * as it is now (the events bus answers only backend services): the catalog
 * module keeps grant entities current from it. A second delivery publishes
 * the same state again, which the catalog applies as a no-op.
 */
export function createCatalogEventsReceiver(events: EventsService) {
  return defineReceiver('catalog-events', PUBLISHED, async (event, grant) => {
    const payload: GrantChangedEvent = {
      grant: toApiGrant(grant),
      type: event.type,
    };
    await events.publish({
      topic: GRANT_EVENTS_TOPIC,
      eventPayload: payload,
    });
  });
}

/**
 * Signals each grant change, only ids, to the browsers of those who may
 * read the grant; they reload it. A second signal makes a screen reload
 * once more, nothing else.
 */
export function createSignalsReceiver(signals: SignalsService) {
  return defineReceiver('signals', PUBLISHED, async (event, grant) => {
    const recipients = signalRecipients(grant, event.type);
    if (recipients.length === 0) return;
    const message: GrantSignalMessage = {
      grantId: grant.id,
      type: event.type,
    };
    await signals.publish<GrantSignalMessage>({
      recipients: { type: 'user', entityRef: recipients },
      channel: GRANT_SIGNAL_CHANNEL,
      message,
    });
  });
}
