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

import { InputError, NotFoundError } from '@backstage/errors';
import { describeZodError } from '@backstage-aws-access/plugin-aws-access-common';
import { z } from 'zod';
import { GrantRecord } from '../database/types';
import { GrantAuditor } from '../notifications/GrantAuditor';
import { Caller } from '../service/authorization';
import { GrantApiContext } from './grantApiContext';

export function parse<T extends z.ZodType>(
  schema: T,
  value: unknown,
): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new InputError(describeZodError(result.error));
  }
  return result.data;
}

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

/** Waits for the engine a while, then answers with the grant as it is. */
export async function settle(
  ctx: GrantApiContext,
  id: string,
  work: Promise<unknown>,
): Promise<GrantRecord> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>(resolve => {
    timer = setTimeout(resolve, ctx.settleTimeoutMs);
  });
  // Engine failures are recorded on the grant; the sweep retries.
  await Promise.race([work.catch(() => undefined), timeout]);
  clearTimeout(timer);
  return mustGet(ctx, id);
}

/** The audit subject of a grant. */
export function subjectOf(grant: GrantRecord) {
  return {
    grantId: grant.id,
    requester: grant.requester,
    resourceArn: grant.resourceArn,
    accountId: grant.accountId,
    actions: grant.actions,
  };
}
