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
import { GrantAuditor } from '../audit/GrantAuditor';
import { GrantNotifications } from '../notifications';
import type { OutboxReceiver } from '../outbox';
import {
  createAuditReceiver,
  createNotificationsReceiver,
} from './notificationsAndAuditReceivers';
import {
  createCatalogEventsReceiver,
  createSignalsReceiver,
} from './eventsAndSignalsReceivers';

/**
 * What follows a grant change, written with it and delivered at least
 * once: one receiver per service this backend has. A backend without
 * notifications, an auditor, events or signals simply has fewer.
 */
export function createGrantOutboxReceivers(services: {
  notifications?: GrantNotifications;
  auditor?: GrantAuditor;
  events?: EventsService;
  signals?: SignalsService;
}): OutboxReceiver[] {
  const { notifications, auditor, events, signals } = services;
  return [
    notifications && createNotificationsReceiver(notifications),
    auditor && createAuditReceiver(auditor),
    events && createCatalogEventsReceiver(events),
    signals && createSignalsReceiver(signals),
  ].filter((r): r is OutboxReceiver => !!r);
}
