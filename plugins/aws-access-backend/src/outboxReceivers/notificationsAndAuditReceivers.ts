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
  GrantEvent,
  GrantEventType,
} from '@backstage-aws-access/plugin-aws-access-common';
import { auditSubjectOf, GrantAuditor } from '../audit/GrantAuditor';
import { GrantNotifications } from '../notifications/GrantNotifications';
import { defineReceiver } from '../outbox/defineReceiver';
import { SYSTEM_ACTOR } from '../engine/GrantEngine';
import { isBreakGlass, toApiGrant } from '../grantApi/grantView';

const NOTIFIED: readonly GrantEventType[] = [
  'requested',
  'approval-recorded',
  'approved',
  'activated',
  'failed',
  'rejected',
];

/** How many more approvals the `approved` / `approval-recorded` event says are needed. */
function remainingApprovals(event: GrantEvent): number {
  const { approvals, required } = (event.data ?? {}) as {
    approvals?: number;
    required?: number;
  };
  return typeof approvals === 'number' && typeof required === 'number'
    ? Math.max(0, required - approvals)
    : 0;
}

/**
 * Tells people about grant events, from the outbox: approvers about a
 * request waiting for them (or a break-glass grant to review), requesters
 * about approvals, their role being ready or failing, and rejections.
 */
export function createNotificationsReceiver(notifications: GrantNotifications) {
  return defineReceiver('notifications', NOTIFIED, async (event, grant) => {
    const shown = toApiGrant(grant);
    const requirement = grant.approvalRequirement;
    switch (event.type) {
      case 'requested':
        if (!requirement || requirement.mode === 'auto') return;
        if (isBreakGlass(grant)) {
          await notifications.breakGlassUsed(
            event.id,
            shown,
            requirement.approverGroups,
          );
        } else if (grant.state === 'pending') {
          // Delivered late (after a crash) to a request decided meanwhile:
          // asking the approvers would only send them to a closed request.
          await notifications.approvalRequested(
            event.id,
            shown,
            requirement.approverGroups,
          );
        }
        return;
      case 'approval-recorded':
      case 'approved':
        await notifications.approved(
          event.id,
          shown,
          event.actor,
          remainingApprovals(event),
        );
        return;
      case 'activated':
        await notifications.active(event.id, shown);
        return;
      case 'failed':
        await notifications.failed(event.id, shown);
        return;
      case 'rejected':
        await notifications.rejected(
          event.id,
          shown,
          event.actor,
          event.reason,
        );
        return;
      default:
        return;
    }
  });
}

const AUDITED: readonly GrantEventType[] = [
  'activated',
  'failed',
  'expired',
  'rejected',
];

/**
 * Audits what the engine did on its own, from the outbox: a role became
 * usable, provisioning failed, a grant expired, a pending request timed
 * out. What users do through the API (request, approve, reject, cancel,
 * revoke, extend) is audited where the request is handled, with the
 * request attached. Each record carries `grantEventId`, so a second
 * delivery of the same event can be told apart from a second change.
 */
export function createAuditReceiver(auditor: GrantAuditor) {
  return defineReceiver('audit', AUDITED, async (event, grant) => {
    const subject = auditSubjectOf(grant);
    const context = {
      subject,
      actor: SYSTEM_ACTOR,
      meta: { grantEventId: event.id },
    };
    switch (event.type) {
      case 'activated':
        await auditor.succeeded('provision', context);
        return;
      case 'failed':
        await auditor.failed(
          'provision',
          context,
          new Error(event.reason ?? grant.lastError ?? 'the grant failed'),
        );
        return;
      case 'expired':
        await auditor.succeeded('expire', context);
        return;
      case 'rejected':
        // A person's rejection is audited with their request; a timeout here.
        if (event.actor === SYSTEM_ACTOR) {
          await auditor.succeeded('reject', {
            ...context,
            meta: {
              ...context.meta,
              reason: event.reason ?? 'timed out',
              timedOut: true,
            },
          });
        }
        return;
      default:
        return;
    }
  });
}
