import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  breakGlassReviewRequestSchema,
  BreakGlassReviewItem,
  BreakGlassReviewState,
  describeZodError,
  GRANT_LIMITS,
  grantApprovePermission,
} from 'backstage-plugin-aws-access-common';
import express from 'express';
import Router from 'express-promise-router';
import { getUserCaller } from '../service/authorization';
import { GrantAuthorization } from '../service/grantAuthorization';
import { GrantService } from '../service/GrantService';
import {
  GrantPermissionEvaluators,
  toPermissionResource,
} from '../service/router';
import { BreakGlassReviews } from './BreakGlass';

const REVIEW_STATES: BreakGlassReviewState[] = [
  'pending',
  'confirmed',
  'flagged',
];

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
export function createBreakGlassRouter(options: {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  authorization: GrantAuthorization;
  grants: GrantService;
  reviews: BreakGlassReviews;
  auditor?: AuditorService;
  permissions: PermissionsService;
  permissionEvaluators: GrantPermissionEvaluators;
}): express.Router {
  const { httpAuth, userInfo, authorization, grants, reviews } = options;
  const router = Router();
  router.use('/break-glass', express.json({ limit: '32kb' }));

  router.get('/break-glass/reviews', async (req, res) => {
    const caller = await getUserCaller(req, { httpAuth, userInfo });
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const states = [req.query.state ?? 'pending'].flat().map(String);
    for (const state of states) {
      if (!REVIEW_STATES.includes(state as BreakGlassReviewState)) {
        throw new InputError(
          `state must be one of ${REVIEW_STATES.join(', ')}`,
        );
      }
    }
    const limit = req.query.limit === undefined ? 50 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      throw new InputError('limit must be a whole number from 1 to 200');
    }
    const offset =
      req.query.cursor === undefined ? 0 : Number(req.query.cursor);
    if (!Number.isInteger(offset) || offset < 0) {
      throw new InputError('cursor is not one this API gave out');
    }
    const [decision] = await options.permissions.authorizeConditional(
      [{ permission: grantApprovePermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      res.json({ items: [] });
      return;
    }
    // Reads pages of the queue until `limit` reviews the caller may see are
    // found (or the queue ends), so that each page is full.
    const items: BreakGlassReviewItem[] = [];
    let position = offset;
    let more = true;
    while (items.length < limit && more) {
      const batch = await reviews.list({
        state: states as BreakGlassReviewState[],
        limit: Math.min(GRANT_LIMITS.maxListLimit, limit * 2),
        offset: position,
      });
      more = batch.length > 0;
      for (const review of batch) {
        position += 1;
        if (review.requester === caller.userEntityRef) continue;
        const grant = await grants.mustGet(review.grantId);
        if (
          decision.result === AuthorizeResult.CONDITIONAL &&
          !options.permissionEvaluators.isAllowed(
            decision,
            toPermissionResource(grant),
          )
        ) {
          continue;
        }
        items.push({ grant: grants.present(grant), review });
        if (items.length === limit) break;
      }
    }
    res.json({
      items,
      ...(items.length === limit && more && { nextCursor: String(position) }),
    });
  });

  router.post('/break-glass/reviews/:grantId', async (req, res) => {
    const caller = await getUserCaller(req, { httpAuth, userInfo });
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const body = breakGlassReviewRequestSchema.safeParse(req.body ?? {});
    if (!body.success) {
      throw new InputError(describeZodError(body.error));
    }
    const { grantId } = req.params;
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
    const state = body.data.decision === 'flag' ? 'flagged' : 'confirmed';
    const event = await options.auditor?.createEvent({
      eventId: 'break-glass-review',
      severityLevel: state === 'flagged' ? 'high' : 'medium',
      request: req,
      meta: {
        grantId,
        requester: grant.requester,
        resourceArn: grant.resourceArn,
        accountId: grant.accountId,
        actions: grant.actions,
        decision: state,
        reviewer: caller.userEntityRef,
        ...(body.data.comment && { comment: body.data.comment }),
      },
    });
    const decided = await reviews.decide(grantId, {
      state,
      reviewer: caller.userEntityRef,
      comment: body.data.comment,
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
    res.json({
      grant: grants.present(grant),
      review: (await reviews.get(grantId))!,
    });
  });

  return router;
}
