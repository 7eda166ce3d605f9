import {
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { getUserCaller } from './authorization';
import { toApiGrant } from './grantView';
import { GrantService } from './GrantService';

/** Requests are small JSON documents; anything bigger is refused (413) unread. */
const BODY_LIMIT = '32kb';

/**
 * The REST API (see DESIGN.md). Handlers only authenticate and translate;
 * the rules live in {@link GrantService}. Errors are thrown as
 * `@backstage/errors` and rendered by the framework's error handler.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  grants: GrantService;
}): Promise<express.Router> {
  const { httpAuth, userInfo, grants } = options;
  const router = Router();
  router.use(express.json({ limit: BODY_LIMIT }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Reads are open to every signed-in user and to other plugins (the catalog
  // module lists grants with its service credentials).
  const reader = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const caller = (req: express.Request) =>
    getUserCaller(req, { httpAuth, userInfo });

  router.get('/accounts', async (req, res) => {
    await reader(req);
    res.json({ items: grants.listAccounts() });
  });

  router.get('/actions', async (req, res) => {
    await reader(req);
    res.json({ items: grants.listActions(req.query.resourceArn) });
  });

  router.get('/grants', async (req, res) => {
    await reader(req);
    const page = await grants.listGrants(req.query);
    res.json({
      items: page.items.map(toApiGrant),
      ...(page.nextCursor && { nextCursor: page.nextCursor }),
    });
  });

  router.get('/grants/:id', async (req, res) => {
    await reader(req);
    const { grant, events } = await grants.getGrant(req.params.id);
    res.json({ ...toApiGrant(grant), events });
  });

  // Writes act for the signed-in user only: the requester is never taken
  // from the body.
  router.post('/grants', async (req, res) => {
    const grant = await grants.createGrant(req.body, await caller(req));
    res.status(201).json(toApiGrant(grant));
  });

  router.post('/grants/:id/revoke', async (req, res) => {
    const grant = await grants.revokeGrant(
      req.params.id,
      req.body,
      await caller(req),
    );
    res.json(toApiGrant(grant));
  });

  router.post('/grants/:id/extend', async (req, res) => {
    const grant = await grants.extendGrant(
      req.params.id,
      req.body,
      await caller(req),
    );
    res.json(toApiGrant(grant));
  });

  return router;
}
