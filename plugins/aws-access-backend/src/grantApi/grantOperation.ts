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

import { NotFoundError } from '@backstage/errors';
import { JsonValue } from '@backstage/types';
import { GrantRecord } from '../database/types';
import {
  auditSubjectOf,
  GrantAuditAction,
  GrantAuditor,
} from '../audit/GrantAuditor';
import { Caller } from '../permissions/caller';
import { GrantApiContext } from './grantApiContext';

export const minutes = (n: number) => n * 60_000;

/** Loads a grant, or answers 404. */
export async function mustGet(
  ctx: GrantApiContext,
  id: string,
): Promise<GrantRecord> {
  const grant = await ctx.store.getGrant(id);
  if (!grant) {
    throw new NotFoundError(`no grant with id ${id}`);
  }
  return grant;
}

export function audit<T>(
  ctx: GrantApiContext,
  action: Parameters<GrantAuditor['run']>[0],
  caller: Caller,
  subject: Parameters<GrantAuditor['run']>[1]['subject'],
  meta: Parameters<GrantAuditor['run']>[1]['meta'],
  operation: () => Promise<T>,
): Promise<T> {
  if (!ctx.auditor) {
    return operation();
  }
  return ctx.auditor.run(
    action,
    { subject, actor: caller.userEntityRef, request: caller.request, meta },
    operation,
  );
}

/** A caller's change to one grant, as its audit event records it. */
export interface GrantChange {
  action: GrantAuditAction;
  grant: GrantRecord;
  caller: Caller;
  details?: Record<string, JsonValue | undefined>;
}

/**
 * Runs a caller's change to one grant under audit, the grant as subject.
 * Details left undefined (no comment, no reason) are not recorded.
 */
export function auditedChange<T>(
  ctx: GrantApiContext,
  change: GrantChange,
  operation: () => Promise<T>,
): Promise<T> {
  const details = Object.entries(change.details ?? {}).filter(
    (entry): entry is [string, JsonValue] => entry[1] !== undefined,
  );
  return audit(
    ctx,
    change.action,
    change.caller,
    auditSubjectOf(change.grant),
    details.length ? Object.fromEntries(details) : undefined,
    operation,
  );
}

/** Waits for the engine a while, then answers with the grant as it is. */
export async function settle(
  ctx: GrantApiContext,
  id: string,
  work: Promise<GrantRecord | undefined>,
): Promise<GrantRecord> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>(resolve => {
    timer = setTimeout(() => resolve(undefined), ctx.settleTimeoutMs);
  });
  // Engine failures are recorded on the grant; the sweep retries.
  const settled = await Promise.race([work.catch(() => undefined), timeout]);
  clearTimeout(timer);
  // The engine answers with the grant as it left it; only when it did not
  // finish in time (or failed) is the grant read again.
  return settled ?? mustGet(ctx, id);
}
