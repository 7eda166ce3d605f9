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

import { GrantRecord, NewGrantEvent } from '../database/types';
import { GrantAuditor } from '../notifications/GrantAuditor';
import { GrantNotifications } from '../notifications/GrantNotifications';
import { GrantListener, SYSTEM_ACTOR } from './GrantEngine';
import { toApiGrant } from './grantView';

function subjectOf(grant: GrantRecord) {
  return {
    grantId: grant.id,
    requester: grant.requester,
    resourceArn: grant.resourceArn,
    accountId: grant.accountId,
    actions: grant.actions,
    roleArn: grant.roleArn,
  };
}

/**
 * Tells requesters and the audit trail about what the engine did on its
 * own: a role became usable, provisioning failed, a grant expired, a pending
 * request was rejected (by an approver or by timing out). What users do
 * through the API (request, approve, reject, cancel, revoke, extend) is
 * audited where the request is handled, with the request attached.
 */
export function createGrantLifecycleListener(options: {
  notifications?: GrantNotifications;
  auditor?: GrantAuditor;
}): GrantListener {
  const { notifications, auditor } = options;
  return async (grant: GrantRecord, type: string, event?: NewGrantEvent) => {
    const subject = subjectOf(grant);
    switch (type) {
      case 'activated':
        await auditor?.succeeded('provision', { subject, actor: SYSTEM_ACTOR });
        await notifications?.active(toApiGrant(grant));
        break;
      case 'failed':
        await auditor?.failed(
          'provision',
          { subject, actor: SYSTEM_ACTOR },
          new Error(grant.lastError ?? 'the grant failed'),
        );
        await notifications?.failed(toApiGrant(grant));
        break;
      case 'expired':
        await auditor?.succeeded('expire', { subject, actor: SYSTEM_ACTOR });
        break;
      case 'rejected': {
        const actor = event?.actor ?? SYSTEM_ACTOR;
        // A person's rejection is audited with their request; a timeout here.
        if (actor === SYSTEM_ACTOR) {
          await auditor?.succeeded('reject', {
            subject,
            actor,
            meta: { reason: event?.reason ?? 'timed out', timedOut: true },
          });
        }
        await notifications?.rejected(toApiGrant(grant), actor, event?.reason);
        break;
      }
      default:
        break;
    }
  };
}
