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

import { DiscoveryService } from '@backstage/backend-plugin-api';
import { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import express from 'express';
import { once } from 'node:events';
import { AddressInfo } from 'node:net';

/** One request the fake API received. */
export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  body: unknown;
}

/** An error the fake API answers with, in Backstage's error body format. */
export interface FakeApiError {
  status: number;
  name: string;
  message: string;
}

/**
 * A stand-in for the aws-access REST API on a real HTTP port, so the actions
 * are tested through the real typed client, fetch and JSON, down to the
 * Authorization header. It keeps grants in memory; a test scripts how a grant
 * moves on with {@link FakeAwsAccessApi.nextStates} and makes calls fail with
 * {@link FakeAwsAccessApi.failNext}.
 */
export interface FakeAwsAccessApi {
  discovery: DiscoveryService;
  requests: RecordedRequest[];
  grants: Map<string, Grant>;
  /** Changes applied to a grant, one per `GET /grants/:id`, in order. */
  nextStates: Partial<Grant>[];
  /** Makes the next request (optionally only on a path below the base URL) fail. */
  failNext(error: FakeApiError, path?: RegExp): void;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A fake API for the enclosing `describe` block: emptied before each test
 * (then holding `grants`) and closed after the last one.
 */
export function useFakeAwsAccessApi(grants: Grant[] = []): FakeAwsAccessApi {
  const api = startFakeAwsAccessApi();
  beforeEach(() => {
    api.reset();
    for (const grant of grants) api.grants.set(grant.id, grant);
  });
  afterAll(() => api.close());
  return api;
}

/** Starts listening at once; the discovery answers once it listens. */
export function startFakeAwsAccessApi(): FakeAwsAccessApi {
  const requests: RecordedRequest[] = [];
  const grants = new Map<string, Grant>();
  const nextStates: Partial<Grant>[] = [];
  const failures: Array<{ error: FakeApiError; path?: RegExp }> = [];
  let nextId = 1;

  const app = express();
  app.use(express.json());
  app.use((req, res, next) => {
    const path = req.originalUrl.replace(/^\/api\/aws-access/, '');
    requests.push({
      method: req.method,
      path,
      authorization: req.headers.authorization,
      body: req.body,
    });
    const index = failures.findIndex(f => !f.path || f.path.test(path));
    if (index >= 0) {
      const [{ error }] = failures.splice(index, 1);
      res.status(error.status).json({
        error: { name: error.name, message: error.message },
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: error.status },
      });
      return;
    }
    next();
  });

  const router = express.Router();
  router.post('/grants', (req, res) => {
    const id = `grant-${nextId++}`;
    const grant: Grant = {
      id,
      state: 'provisioning',
      requester: 'user:default/mock',
      resourceArn: req.body.resourceArn,
      resourceType: 's3:bucket',
      accountId: req.body.accountId ?? '123456789012',
      region: '',
      actions: req.body.actions,
      reason: req.body.reason,
      durationMinutes: req.body.durationMinutes,
      createdAt: new Date().toISOString(),
    };
    grants.set(id, grant);
    res.status(201).json(grant);
  });
  // One pending grant per account, as the real API makes them.
  router.post('/bundles', (req, res) => {
    const id = `bundle-${nextId++}`;
    const byAccount = new Map<
      string,
      Array<{ resourceArn: string; actions: string[] }>
    >();
    for (const target of req.body.targets) {
      const accountId = target.accountId ?? '123456789012';
      byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), target]);
    }
    const parts = [...byAccount.entries()].map(([accountId, targets]) => {
      const grant: Grant = {
        id: `grant-${nextId++}`,
        state: 'pending',
        requester: 'user:default/mock',
        resourceArn: targets[0].resourceArn,
        resourceType: 's3:bucket',
        accountId,
        region: '',
        actions: [...new Set(targets.flatMap(t => t.actions))],
        reason: req.body.reason,
        durationMinutes: req.body.durationMinutes,
        createdAt: new Date().toISOString(),
        bundleId: id,
        targets: targets.map(t => ({ ...t, resourceType: 's3:bucket' })),
      };
      grants.set(grant.id, grant);
      return grant;
    });
    res.status(201).json({
      id,
      state: 'pending',
      requester: 'user:default/mock',
      reason: req.body.reason,
      durationMinutes: req.body.durationMinutes,
      createdAt: new Date().toISOString(),
      grants: parts,
    });
  });
  const withGrant =
    (
      handle: (grant: Grant, req: express.Request) => Grant,
    ): express.RequestHandler =>
    (req, res) => {
      const grant = grants.get(req.params.id);
      if (!grant) {
        res.status(404).json({
          error: { name: 'NotFoundError', message: 'no such grant' },
          response: { statusCode: 404 },
        });
        return;
      }
      const updated = handle(grant, req);
      grants.set(updated.id, updated);
      res.json(updated);
    };
  router.get(
    '/grants/:id',
    withGrant(grant => ({ ...grant, ...nextStates.shift() })),
  );
  router.post(
    '/grants/:id/revoke',
    withGrant(grant => ({ ...grant, state: 'revoking' })),
  );
  router.post(
    '/grants/:id/extend',
    withGrant((grant, req) => ({
      ...grant,
      durationMinutes: grant.durationMinutes + req.body.durationMinutes,
      expiresAt: new Date(
        Date.parse(grant.expiresAt ?? grant.createdAt) +
          req.body.durationMinutes * 60_000,
      ).toISOString(),
    })),
  );
  app.use('/api/aws-access', router);

  const server = app.listen(0, '127.0.0.1');
  const baseUrl = once(server, 'listening').then(() => {
    const { port } = server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api/aws-access`;
  });

  return {
    discovery: {
      getBaseUrl: () => baseUrl,
      getExternalBaseUrl: () => baseUrl,
    },
    requests,
    grants,
    nextStates,
    failNext(error, path) {
      failures.push({ error, path });
    },
    reset() {
      requests.length = 0;
      nextStates.length = 0;
      failures.length = 0;
      grants.clear();
      nextId = 1;
    },
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close(err => (err ? reject(err) : resolve())),
      ),
  };
}
