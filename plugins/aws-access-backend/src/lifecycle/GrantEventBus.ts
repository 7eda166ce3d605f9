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
import { stringifyError } from '@backstage/errors';
import { GrantEventType } from '@backstage-aws-access/plugin-aws-access-common';
import { GrantRecord, NewGrantEvent } from '../database/types';

/** Called after every committed change, e.g. to arm an expiry timer. */
export type GrantListener = (
  grant: GrantRecord,
  type: GrantEventType,
  /** The event recorded with the change, when there was one. */
  event?: NewGrantEvent,
) => void | Promise<void>;

/**
 * The in-process bus of committed grant changes: the lifecycle publishes,
 * anything in this backend that reacts at once subscribes. Delivery to
 * other systems (notifications, audit, catalog events) goes through the
 * outbox instead, which survives a crash; this bus does not, so listeners
 * must only keep caches such as timers.
 */
export class GrantEventBus {
  private readonly listeners = new Set<GrantListener>();

  constructor(private readonly logger?: LoggerService) {}

  /** Registers a listener; the returned function removes it. */
  subscribe(listener: GrantListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Tells each listener, in turn, of a committed change. A listener that
   * throws is logged and skipped: the change is made, and the others must
   * still hear of it.
   */
  async publish(
    grant: GrantRecord,
    type: GrantEventType,
    event?: NewGrantEvent,
  ): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(grant, type, event);
      } catch (error) {
        this.logger?.warn(
          `Listener failed on ${type} of grant ${grant.id}: ${stringifyError(
            error,
          )}`,
        );
      }
    }
  }
}
