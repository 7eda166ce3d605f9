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
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  breakGlassReviewRequestSchema,
  BreakGlassReviewItem,
  grantApprovePermission,
  listBreakGlassReviewsQuerySchema,
} from '@backstage-aws-access/plugin-aws-access-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { Caller, userRequestOf } from '../permissions/caller';
import { GrantAuthorization } from '../permissions/grantAuthorization';
import { GrantService } from '../grantApi/GrantService';
import { parseInput } from '../http/parseInput';
import { GrantPermissionEvaluators } from '../permissions/registerGrantPermissions';
import { BreakGlassReviews } from './BreakGlass';

/** A `GET /break-glass/reviews` query, parsed. */
export type BreakGlassReviewsQuery = z.output<
  typeof listBreakGlassReviewsQuerySchema
>;
/** A `POST /break-glass/reviews/:grantId` body, parsed. */
export type BreakGlassReviewBody = z.output<
  typeof breakGlassReviewRequestSchema
>;

/**
 * The post-hoc review queue of break-glass grants:
 *
 * - `GET /break-glass/reviews?state=pending&limit=&cursor=`: the
 *   break-glass grants the caller may review (`aws-access.grant.approve` on
 *   the grant: the approvers of its rule, or admins), never their own;
 *   newest first, paged.
 * - `POST /break-glass/reviews/:grantId` `{ decision: confirm | flag,
 *   comment? }`: records the review; a flag is audited at high severity.
 */
/** The review queue's rules, shared by the REST routes and the Backstage actions. */
export interface BreakGlassReviewing {
  list(
    credentials: BackstageCredentials,
    caller: Caller,
    query: BreakGlassReviewsQuery,
  ): Promise<{ items: BreakGlassReviewItem[]; nextCursor?: string }>;
  review(
    credentials: BackstageCredentials,
    caller: Caller,
    grantId: string,
    body: BreakGlassReviewBody,
    request?: express.Request,
  ): Promise<BreakGlassReviewItem>;
}

export function createBreakGlassReviewing(options: {
  authorization: GrantAuthorization;
  grants: GrantService;
  reviews: BreakGlassReviews;
  auditor?: AuditorService;
  permissions: PermissionsService;
  permissionEvaluators: GrantPermissionEvaluators;
}): BreakGlassReviewing {
  const { authorization, grants, reviews } = options;
  return {
    async list(credentials, caller, { state, limit, cursor: offset }) {
      const [decision] = await options.permissions.authorizeConditional(
        [{ permission: grantApprovePermission }],
        { credentials },
      );
      if (decision.result === AuthorizeResult.DENY) {
        return { items: [] };
      }
      const { items, more } = await reviews.listReviewable({
        reviewer: caller.userEntityRef,
        state,
        grantFilter:
          decision.result === AuthorizeResult.CONDITIONAL
            ? options.permissionEvaluators.toFilter(decision.conditions)
            : undefined,
        limit,
        offset,
      });
      return {
        items: items.map(({ grant, review }) => ({
          grant: grants.present(grant),
          review,
        })),
        ...(more && { nextCursor: String(offset + limit) }),
      };
    },

    async review(credentials, caller, grantId, body, request) {
      const grant = await authorization.authorizedGrant(
        credentials,
        grantApprovePermission,
        grantId,
        'review',
      );
      const review = await reviews.get(grantId);
      if (!review) {
        throw new NotFoundError(`grant ${grantId} is not a break-glass grant`);
      }
      if (grant.requester === caller.userEntityRef) {
        throw new NotAllowedError(
          'you may not review your own break-glass grant',
        );
      }
      const state = body.decision === 'flag' ? 'flagged' : 'confirmed';
      const event = await options.auditor?.createEvent({
        eventId: 'break-glass-review',
        severityLevel: state === 'flagged' ? 'high' : 'medium',
        ...(request && { request }),
        meta: {
          grantId,
          requester: grant.requester,
          resourceArn: grant.resourceArn,
          accountId: grant.accountId,
          actions: grant.actions,
          decision: state,
          reviewer: caller.userEntityRef,
          ...(body.comment && { comment: body.comment }),
        },
      });
      const decided = await reviews.decide(grantId, {
        state,
        reviewer: caller.userEntityRef,
        comment: body.comment,
        at: new Date(),
      });
      if (!decided) {
        const error = new ConflictError(
          `the break-glass grant ${grantId} was already reviewed (${review.state})`,
        );
        await event?.fail({ error });
        throw error;
      }
      await event?.success();
      return {
        grant: grants.present(grant),
        review: (await reviews.get(grantId))!,
      };
    },
  };
}

/** The REST routes of the review queue (see the module comment). */
export function createBreakGlassRouter(options: {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  reviewing: BreakGlassReviewing;
}): express.Router {
  const { reviewing } = options;
  const router = Router();
  router.use('/break-glass', express.json({ limit: '32kb' }));

  router.get('/break-glass/reviews', async (req, res) => {
    const { credentials, caller } = await userRequestOf(req, options);
    const query = parseInput(listBreakGlassReviewsQuerySchema, req.query);
    res.json(await reviewing.list(credentials, await caller(), query));
  });

  router.post('/break-glass/reviews/:grantId', async (req, res) => {
    const { credentials, caller } = await userRequestOf(req, options);
    const body = parseInput(breakGlassReviewRequestSchema, req.body);
    res.json(
      await reviewing.review(
        credentials,
        await caller(),
        req.params.grantId,
        body,
        req,
      ),
    );
  });

  return router;
}
