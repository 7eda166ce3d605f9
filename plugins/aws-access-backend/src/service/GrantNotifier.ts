import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  GRANT_EVENTS_TOPIC,
  GRANT_SIGNAL_CHANNEL,
  GrantChangedEvent,
} from 'backstage-plugin-aws-access-common';
import { GrantRecord } from '../database/types';
import { toApiGrant } from './grantView';

/**
 * Tells the rest of Backstage about each grant change: the events service
 * (the catalog module keeps grant entities current from it) and a signal to
 * the requester's browser. The change is already committed when this runs,
 * so a failure here is logged, never raised: the periodic catalog refresh
 * and UI polling repair what a lost message missed.
 */
export class GrantNotifier {
  constructor(
    private readonly options: {
      logger: LoggerService;
      events?: EventsService;
      signals?: SignalsService;
    },
  ) {}

  async grantChanged(grant: GrantRecord, type: string): Promise<void> {
    const payload: GrantChangedEvent = { grant: toApiGrant(grant), type };
    const { events, signals, logger } = this.options;
    await Promise.all([
      events
        ?.publish({ topic: GRANT_EVENTS_TOPIC, eventPayload: payload })
        .catch(error =>
          logger.warn(`Could not publish ${type} of grant ${grant.id}`, error),
        ),
      signals
        ?.publish({
          recipients: { type: 'user', entityRef: grant.requester },
          channel: GRANT_SIGNAL_CHANNEL,
          message: JSON.parse(JSON.stringify(payload)),
        })
        .catch(error =>
          logger.warn(`Could not signal ${type} of grant ${grant.id}`, error),
        ),
    ]);
  }
}
