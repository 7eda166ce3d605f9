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

import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  accessReviewExportQuerySchema,
  adminPermission,
  GrantEvent,
  grantReadPermission,
  TERMINAL_GRANT_STATES,
} from '@backstage-aws-access/plugin-aws-access-common';
import express from 'express';
import Router from 'express-promise-router';
import { BreakGlassReviews } from '../breakGlass/BreakGlass';
import { GrantRecord, GrantStore } from '../database/types';
import { GrantAuthorization } from '../permissions/grantAuthorization';
import { isBreakGlass } from '../grantApi/grantView';
import { parseInput } from '../http/parseInput';

/** One grant in the access review export. */
export interface AccessReviewRow {
  grantId: string;
  requester: string;
  resourceArn: string;
  resourceType: string;
  accountId: string;
  region: string;
  actions: string;
  reason: string;
  durationMinutes: number;
  createdAt: string;
  approvedBy: string;
  approvedAt: string;
  /** Each approval as `who at when`, separated by `; `. */
  approvals: string;
  activatedAt: string;
  expiresAt: string;
  endedAt: string;
  /** The grant's state now: how it ended, or that it has not. */
  state: string;
  /** Who ended it (a person, or `system` for expiry and timeouts). */
  endedBy: string;
  endReason: string;
  breakGlass: boolean;
  /** `pending`, `confirmed` or `flagged` for break-glass grants. */
  breakGlassReview: string;
  breakGlassReviewedBy: string;
}

export const ACCESS_REVIEW_COLUMNS: Array<keyof AccessReviewRow> = [
  'grantId',
  'requester',
  'resourceArn',
  'resourceType',
  'accountId',
  'region',
  'actions',
  'reason',
  'durationMinutes',
  'createdAt',
  'approvedBy',
  'approvedAt',
  'approvals',
  'activatedAt',
  'expiresAt',
  'endedAt',
  'state',
  'endedBy',
  'endReason',
  'breakGlass',
  'breakGlassReview',
  'breakGlassReviewedBy',
];

const ENDING_STATES = new Set(['revoking', 'cancelled', 'rejected', 'failed']);

/** The event that ended a grant: who and why. */
function endingEvent(events: GrantEvent[]): GrantEvent | undefined {
  return [...events]
    .reverse()
    .find(
      e =>
        e.type === 'expiring' ||
        (e.toState !== undefined && ENDING_STATES.has(e.toState)),
    );
}

export function toAccessReviewRow(
  grant: GrantRecord,
  events: GrantEvent[],
  review?: { state: string; reviewedBy?: string },
): AccessReviewRow {
  const iso = (d?: Date) => d?.toISOString() ?? '';
  const ended = TERMINAL_GRANT_STATES.includes(grant.state)
    ? endingEvent(events)
    : undefined;
  return {
    grantId: grant.id,
    requester: grant.requester,
    resourceArn: grant.resourceArn,
    resourceType: grant.resourceType,
    accountId: grant.accountId,
    region: grant.region,
    actions: grant.actions.join(' '),
    reason: grant.reason,
    durationMinutes: grant.durationMinutes,
    createdAt: iso(grant.createdAt),
    approvedBy: grant.approvedBy ?? '',
    approvedAt: iso(grant.approvedAt),
    approvals: grant.approvals
      .map(a => `${a.approver} at ${a.approvedAt.toISOString()}`)
      .join('; '),
    activatedAt: iso(grant.activatedAt),
    expiresAt: iso(grant.expiresAt),
    endedAt: iso(grant.endedAt),
    state: grant.state,
    endedBy: ended?.actor ?? '',
    endReason: ended?.reason ?? '',
    breakGlass: isBreakGlass(grant),
    breakGlassReview: review?.state ?? '',
    breakGlassReviewedBy: review?.reviewedBy ?? '',
  };
}

/**
 * A CSV cell: quoted when needed, and text a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`, tab, carriage return first) is prefixed with
 * `'`, since reasons are typed by requesters.
 */
export function csvCell(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Every page is a whole CSV document, header first. */
export function toCsv(rows: AccessReviewRow[]): string {
  const lines = rows.map(row =>
    ACCESS_REVIEW_COLUMNS.map(c => csvCell(row[c])).join(','),
  );
  return `${[ACCESS_REVIEW_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}

/**
 * `GET /export/grants?from=&to=&format=json|csv&limit=&cursor=`: the
 * access review export. Admins only (`aws-access.admin`), and filtered by
 * `aws-access.grant.read` like every list; the grants created in
 * [from, to), newest first, `limit` per page (`nextCursor` in the JSON body,
 * or the `x-next-cursor` header of the CSV).
 */
export function createAccessReviewRouter(options: {
  httpAuth: HttpAuthService;
  authorization: GrantAuthorization;
  store: GrantStore;
  reviews?: BreakGlassReviews;
}): express.Router {
  const { httpAuth, authorization, store, reviews } = options;
  const router = Router();

  router.get('/export/grants', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorization.authorizeBasic(credentials, adminPermission);
    const { from, to, format, limit, cursor } = parseInput(
      accessReviewExportQuerySchema,
      req.query,
    );
    const permissionFilter = await authorization.listFilter(
      credentials,
      grantReadPermission,
    );
    const page = await store.listGrants({
      createdFrom: from,
      createdBefore: to,
      limit,
      cursor,
      permissionFilter,
    });
    const rows: AccessReviewRow[] = [];
    for (const grant of page.items) {
      rows.push(
        toAccessReviewRow(
          grant,
          await store.listEvents(grant.id),
          isBreakGlass(grant) ? await reviews?.get(grant.id) : undefined,
        ),
      );
    }
    if (format === 'csv') {
      if (page.nextCursor) {
        res.setHeader('x-next-cursor', page.nextCursor);
      }
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader(
        'content-disposition',
        `attachment; filename="aws-access-review-${from
          .toISOString()
          .slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv"`,
      );
      res.send(toCsv(rows));
      return;
    }
    res.json({
      from: from.toISOString(),
      to: to.toISOString(),
      items: rows,
      ...(page.nextCursor && { nextCursor: page.nextCursor }),
    });
  });

  return router;
}
