import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  GRANT_EVENTS_TOPIC,
  GRANT_SIGNAL_CHANNEL,
  GrantChangedEvent,
} from 'backstage-plugin-aws-access-common';
import { GrantRecord } from '../database/types';
import { BackgroundQueue } from '../notifications/BackgroundQueue';
import { toApiGrant } from './grantView';

/**
 * Tells the rest of Backstage about each grant change: the events service
 * (the catalog module keeps grant entities current from it) and a signal to
 * the requester's browser. The change is already committed when this runs,
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

  async grantChanged(grant: GrantRecord, type: string): Promise<void> {
    const payload: GrantChangedEvent = { grant: toApiGrant(grant), type };
    const { events, signals } = this.options;
    if (events) {
      this.events.push(`publish ${type} of grant ${grant.id}`, () =>
        events.publish({ topic: GRANT_EVENTS_TOPIC, eventPayload: payload }),
      );
    }
    if (signals) {
      this.signals.push(`signal ${type} of grant ${grant.id}`, () =>
        signals.publish({
          recipients: { type: 'user', entityRef: grant.requester },
          channel: GRANT_SIGNAL_CHANNEL,
          message: JSON.parse(JSON.stringify(payload)),
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
