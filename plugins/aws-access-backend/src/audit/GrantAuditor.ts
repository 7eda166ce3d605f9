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
  AuditorService,
  AuditorServiceEventSeverityLevel,
} from '@backstage/backend-plugin-api';
import { Request } from 'express';
import { JsonObject } from '@backstage/types';
import { GrantRecord } from '../database/types';

/**
 * The audited grant operations, with their event ids and severities.
 * Severity follows the auditor's scale: changes to who holds which AWS
 * permission are `high`; ending access or declining it is `medium`. Nothing
 * is `low`: Backstage logs `low` audit events at `debug`, which the default
 * log level hides, and every decision must show.
 */
export const GRANT_AUDIT_EVENTS = {
  request: { eventId: 'grant-request', severityLevel: 'medium' },
  approve: { eventId: 'grant-approve', severityLevel: 'high' },
  reject: { eventId: 'grant-reject', severityLevel: 'medium' },
  cancel: { eventId: 'grant-cancel', severityLevel: 'medium' },
  provision: { eventId: 'grant-provision', severityLevel: 'high' },
  revoke: { eventId: 'grant-revoke', severityLevel: 'medium' },
  expire: { eventId: 'grant-expire', severityLevel: 'medium' },
  extend: { eventId: 'grant-extend', severityLevel: 'high' },
  'reconciler-removal': {
    eventId: 'reconciler-role-removal',
    severityLevel: 'high',
  },
  'reconciler-drift-repair': {
    eventId: 'reconciler-drift-repair',
    severityLevel: 'high',
  },
} as const satisfies Record<
  string,
  { eventId: string; severityLevel: AuditorServiceEventSeverityLevel }
>;

export type GrantAuditAction = keyof typeof GRANT_AUDIT_EVENTS;

/** Who did it: a user entity ref, or `service:<id>` / `system` for automation. */
export type AuditActor = string;

/** What an audit event is about. */
export interface AuditSubject {
  grantId?: string;
  requester?: string;
  resourceArn?: string;
  accountId?: string;
  actions?: string[];
  roleArn?: string;
}

/** The audit subject of a grant: whose access to what, and its role once made. */
export function auditSubjectOf(grant: GrantRecord): AuditSubject {
  return {
    grantId: grant.id,
    requester: grant.requester,
    resourceArn: grant.resourceArn,
    accountId: grant.accountId,
    actions: grant.actions,
    roleArn: grant.roleArn,
  };
}

export interface GrantAuditContext {
  subject: AuditSubject;
  actor: AuditActor;
  /** The HTTP request, when a user caused it; the auditor records its caller. */
  request?: Request<any, any, any, any, any>;
  /** Further details, e.g. `{ comment }` or `{ durationMinutes }`. */
  meta?: JsonObject;
}

function toMeta(context: GrantAuditContext): JsonObject {
  const meta: JsonObject = { actor: context.actor };
  for (const [key, value] of Object.entries(context.subject)) {
    if (value !== undefined) {
      meta[key] = value;
    }
  }
  return { ...meta, ...context.meta };
}

/**
 * Writes the audit trail of grants through the auditor service. Every event
 * names the acting user or service in `meta.actor`, also for work no HTTP
 * request started (expiry, provisioning, the reconciler).
 */
export class GrantAuditor {
  constructor(private readonly auditor: AuditorService) {}

  /**
   * Audits an operation as it runs: the event records success, or the error
   * (which is then thrown on unchanged).
   */
  async run<T>(
    action: GrantAuditAction,
    context: GrantAuditContext,
    operation: () => Promise<T>,
  ): Promise<T> {
    const event = await this.create(action, context);
    try {
      const result = await operation();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /** Records an operation that already succeeded, e.g. a role the reconciler removed. */
  async succeeded(
    action: GrantAuditAction,
    context: GrantAuditContext,
  ): Promise<void> {
    const event = await this.create(action, context);
    await event.success();
  }

  /** Records an operation that already failed, with its cause. */
  async failed(
    action: GrantAuditAction,
    context: GrantAuditContext,
    error: Error,
  ): Promise<void> {
    const event = await this.create(action, context);
    await event.fail({ error });
  }

  private create(action: GrantAuditAction, context: GrantAuditContext) {
    const { eventId, severityLevel } = GRANT_AUDIT_EVENTS[action];
    return this.auditor.createEvent({
      eventId,
      severityLevel,
      request: context.request,
      meta: toMeta(context),
    });
  }
}
