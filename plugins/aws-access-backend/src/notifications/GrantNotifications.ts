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

import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  Grant,
  readableTime,
} from '@backstage-aws-access/plugin-aws-access-common';
import { approvalLink, grantLink } from './links';
import { NameOf, shortName } from './peopleNames';

/** Topic of every aws-access notification, so users can mute or filter them. */
export const NOTIFICATION_TOPIC = 'aws-access';

/** The grant fields a notification shows. */
export type NotifiedGrant = Pick<
  Grant,
  | 'id'
  | 'requester'
  | 'resourceArn'
  | 'actions'
  | 'reason'
  | 'durationMinutes'
  | 'expiresAt'
  | 'lastError'
>;

/**
 * Characters with no meaning in markdown links, images, headings, tables or
 * HTML. Notification descriptions reach renderers this plugin does not
 * control (a custom description component, e-mail, Slack's mrkdwn).
 */
const INERT = /^[A-Za-z0-9:/._+=@*-]+$/;

/** An ARN or action name as typed, when no renderer can read it as markup. */
function inert(text: string, otherwise: string): string {
  return INERT.test(text) ? text : otherwise;
}

function describeActions(actions: string[]): string {
  const shown = actions.map(a => inert(a, 'an action'));
  return shown.length <= 3
    ? shown.join(', ')
    : `${shown.slice(0, 3).join(', ')} and ${shown.length - 3} more`;
}

function resource(grant: NotifiedGrant): string {
  return inert(grant.resourceArn, 'an AWS resource');
}

/**
 * Tells people about grants through the Backstage notifications service:
 * approvers about requests waiting for them, requesters about what happened
 * to theirs. Each method resolves once the notification is sent and throws
 * when it could not be: the outbox runs them off the grant's own path and
 * retries a failure.
 *
 * A notification about a grant event has a `scope` per grant, kind and
 * event (`eventId`), so delivering the same event again (the outbox
 * delivers at least once) updates the notification instead of adding
 * another: notifications-backend keeps one notification per user, origin
 * and scope.
 *
 * No notification carries what a person typed (a reason, an approver's
 * comment): the recipient follows the link and reads it in the plugin, which
 * shows it as plain text to those allowed to read the grant.
 */
export class GrantNotifications {
  private readonly nameOf: NameOf;

  constructor(
    private readonly options: {
      notifications: NotificationService;
      /** Display names of people and groups; their short names otherwise. */
      names?: NameOf;
    },
  ) {
    this.nameOf = options.names ?? (async ref => shortName(ref));
  }

  /** A new request waits for the approver groups (never the requester). */
  async approvalRequested(
    eventId: number,
    grant: NotifiedGrant,
    approverGroups: string[],
  ): Promise<void> {
    await this.send({ grant, kind: 'pending', eventId }, async () => ({
      recipients: {
        type: 'entity',
        entityRef: approverGroups,
        excludeEntityRef: grant.requester,
      },
      payload: {
        title: `Approve AWS access for ${await this.nameOf(grant.requester)}?`,
        description: `${describeActions(grant.actions)} on ${resource(
          grant,
        )} for ${
          grant.durationMinutes
        } minutes. Open the request to read the reason.`,
        link: approvalLink(grant.id),
        severity: 'high',
      },
    }));
  }

  /**
   * Break-glass: the requester approved their own request in an emergency;
   * every approver of the rule hears of it at once, to review it.
   */
  async breakGlassUsed(
    eventId: number,
    grant: NotifiedGrant,
    approverGroups: string[],
  ): Promise<void> {
    await this.send({ grant, kind: 'break-glass', eventId }, async () => ({
      recipients: {
        type: 'entity',
        entityRef: approverGroups,
        excludeEntityRef: grant.requester,
      },
      payload: {
        title: `Break-glass: ${await this.nameOf(
          grant.requester,
        )} approved their own AWS access`,
        description: `${describeActions(grant.actions)} on ${resource(
          grant,
        )} for ${
          grant.durationMinutes
        } minutes, active now. Review it: confirm it or flag it.`,
        link: `/aws-access/break-glass?grant=${encodeURIComponent(grant.id)}`,
        severity: 'critical',
      },
    }));
  }

  /** One approval was recorded; with N-of-M more may still be needed. */
  async approved(
    eventId: number,
    grant: NotifiedGrant,
    approver: string,
    remaining: number = 0,
  ): Promise<void> {
    await this.toRequester({ grant, kind: 'approved', eventId }, async () => {
      const who = await this.nameOf(approver);
      return {
        title:
          remaining > 0
            ? `${who} approved your AWS access request; ${remaining} more approval${
                remaining === 1 ? '' : 's'
              } needed`
            : `${who} approved your AWS access request`,
        description: `${describeActions(grant.actions)} on ${resource(grant)}`,
      };
    });
  }

  /** Rejected by an approver, or timed out (`rejectedBy` is then the system). */
  async rejected(
    eventId: number,
    grant: NotifiedGrant,
    rejectedBy: string,
    reason?: string,
  ): Promise<void> {
    await this.toRequester({ grant, kind: 'rejected', eventId }, async () => ({
      title: `Your AWS access request was rejected`,
      description: `${await this.nameOf(
        rejectedBy,
      )} rejected access to ${resource(grant)}${
        reason ? '. Open the request to read why.' : ''
      }`,
      severity: 'high',
    }));
  }

  /** The role exists; the requester can use it now. */
  async active(eventId: number, grant: NotifiedGrant): Promise<void> {
    await this.toRequester({ grant, kind: 'active', eventId }, async () => ({
      title: `Your AWS access is ready`,
      description: `${describeActions(grant.actions)} on ${resource(
        grant,
      )}, until ${readableTime(grant.expiresAt)}`,
    }));
  }

  /** Provisioning (or revoking) failed; the cause is on the grant. */
  async failed(eventId: number, grant: NotifiedGrant): Promise<void> {
    await this.toRequester({ grant, kind: 'failed', eventId }, async () => ({
      title: `Your AWS access could not be set up`,
      description: `${resource(grant)}: ${
        grant.lastError ?? 'see the grant for details'
      }`,
      severity: 'critical',
    }));
  }

  /**
   * Sent once, a configured time before `expiresAt`, so the requester can
   * extend. No grant event goes with it: its scope is per grant.
   */
  async expiresSoon(grant: NotifiedGrant, minutesLeft: number): Promise<void> {
    await this.toRequester({ grant, kind: 'expiry' }, async () => ({
      title: `Your AWS access ends in ${minutesLeft} minute${
        minutesLeft === 1 ? '' : 's'
      }`,
      description: `${resource(grant)}, at ${readableTime(
        grant.expiresAt,
      )}. Extend it if you still need it.`,
    }));
  }

  private toRequester(
    about: About,
    payload: () => Promise<Omit<NotificationSendOptions['payload'], 'link'>>,
  ): Promise<void> {
    return this.send(about, async () => ({
      recipients: { type: 'entity', entityRef: about.grant.requester },
      payload: { ...(await payload()), link: grantLink(about.grant.id) },
    }));
  }

  private async send(
    { grant, kind, eventId }: About,
    build: () => Promise<NotificationSendOptions>,
  ): Promise<void> {
    const options = await build();
    const scope = `aws-access:grant:${grant.id}:${kind}`;
    await this.options.notifications.send({
      recipients: options.recipients,
      payload: {
        ...options.payload,
        topic: NOTIFICATION_TOPIC,
        scope: eventId === undefined ? scope : `${scope}:${eventId}`,
      },
    });
  }
}

/** What a notification is about: its grant, its kind, and its grant event. */
interface About {
  grant: NotifiedGrant;
  kind: string;
  eventId?: number;
}
