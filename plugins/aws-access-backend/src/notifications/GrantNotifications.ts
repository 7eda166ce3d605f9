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
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  Grant,
  readableTime,
} from '@backstage-aws-access/plugin-aws-access-common';
import { BackgroundQueue } from './BackgroundQueue';
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
 * to theirs. A grant's state is already committed when these run, so a
 * failure to notify is logged and swallowed, never raised: the UI shows the
 * same facts.
 *
 * Each method queues its notification and returns at once: a slow or broken
 * notifications backend must not hold up a grant on its way to `active` or
 * `expired`. Notifications still go out one at a time, in order; await
 * {@link GrantNotifications.flush} to know they have been sent.
 *
 * Each notification has a `scope` per grant and kind, so sending the same
 * one again (say, after a retry) updates it instead of adding another.
 *
 * No notification carries what a person typed (a reason, an approver's
 * comment): the recipient follows the link and reads it in the plugin, which
 * shows it as plain text to those allowed to read the grant.
 */
export class GrantNotifications {
  private readonly queue: BackgroundQueue;

  private readonly nameOf: NameOf;

  constructor(
    private readonly options: {
      notifications: NotificationService;
      logger: LoggerService;
      /** Display names of people and groups; their short names otherwise. */
      names?: NameOf;
    },
  ) {
    this.queue = new BackgroundQueue({ logger: options.logger });
    this.nameOf = options.names ?? (async ref => shortName(ref));
  }

  /**
   * Waits until the queued notifications have been sent (or given up on),
   * for at most `timeoutMs` when given. Returns whether none is left.
   */
  flush(timeoutMs?: number): Promise<boolean> {
    return this.queue.flush(timeoutMs);
  }

  /** A new request waits for the approver groups (never the requester). */
  async approvalRequested(
    grant: NotifiedGrant,
    approverGroups: string[],
  ): Promise<void> {
    this.send(grant, 'pending', async () => ({
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
    grant: NotifiedGrant,
    approverGroups: string[],
  ): Promise<void> {
    this.send(grant, 'break-glass', async () => ({
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
    grant: NotifiedGrant,
    approver: string,
    remaining: number = 0,
  ): Promise<void> {
    this.toRequester(grant, 'approved', async () => {
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
    grant: NotifiedGrant,
    rejectedBy: string,
    reason?: string,
  ): Promise<void> {
    this.toRequester(grant, 'rejected', async () => ({
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
  async active(grant: NotifiedGrant): Promise<void> {
    this.toRequester(grant, 'active', async () => ({
      title: `Your AWS access is ready`,
      description: `${describeActions(grant.actions)} on ${resource(
        grant,
      )}, until ${readableTime(grant.expiresAt)}`,
    }));
  }

  /** Provisioning (or revoking) failed; the cause is on the grant. */
  async failed(grant: NotifiedGrant): Promise<void> {
    this.toRequester(grant, 'failed', async () => ({
      title: `Your AWS access could not be set up`,
      description: `${resource(grant)}: ${
        grant.lastError ?? 'see the grant for details'
      }`,
      severity: 'critical',
    }));
  }

  /** Sent once, a configured time before `expiresAt`, so the requester can extend. */
  async expiresSoon(grant: NotifiedGrant, minutesLeft: number): Promise<void> {
    this.toRequester(grant, 'expiry', async () => ({
      title: `Your AWS access ends in ${minutesLeft} minute${
        minutesLeft === 1 ? '' : 's'
      }`,
      description: `${resource(grant)}, at ${readableTime(
        grant.expiresAt,
      )}. Extend it if you still need it.`,
    }));
  }

  private toRequester(
    grant: NotifiedGrant,
    kind: string,
    payload: () => Promise<Omit<NotificationSendOptions['payload'], 'link'>>,
  ): void {
    this.send(grant, kind, async () => ({
      recipients: { type: 'entity', entityRef: grant.requester },
      payload: { ...(await payload()), link: grantLink(grant.id) },
    }));
  }

  /** Names are looked up in the queue, never on the grant's own path. */
  private send(
    grant: NotifiedGrant,
    kind: string,
    build: () => Promise<NotificationSendOptions>,
  ): void {
    // The queue logs a failure as "Could not send the <kind> notification of
    // grant <id>".
    this.queue.push(
      `send the ${kind} notification of grant ${grant.id}`,
      async () => {
        const options = await build();
        await this.options.notifications.send({
          recipients: options.recipients,
          payload: {
            ...options.payload,
            topic: NOTIFICATION_TOPIC,
            scope: `aws-access:grant:${grant.id}:${kind}`,
          },
        });
      },
    );
  }
}
