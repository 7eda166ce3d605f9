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

import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse, JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { AwsAccessClient } from './AwsAccessClient';

const BACKEND = 'http://backstage.test/api';
const discoveryApi = {
  getBaseUrl: async (pluginId: string) => `${BACKEND}/${pluginId}`,
};
const grantRequest = {
  resourceArn: 'arn:aws:s3:::orders',
  actions: ['s3:GetObject'],
  durationMinutes: 60,
  reason: 'debug exports',
};
const bundleRequest = {
  targets: [{ resourceArn: 'arn:aws:s3:::orders', actions: ['s3:GetObject'] }],
  durationMinutes: 60,
  reason: 'debug exports',
};

/** A request as it reached the server. */
interface ReceivedRequest {
  method: string;
  url: URL;
  authorization: string | null;
  contentType: string | null;
  body: unknown;
}

const server = setupServer();
registerMswTestHooks(server);

/**
 * The aws-access backend answering every request with `status`, `body`
 * (JSON, or text when a string) and `headers`; returns the requests it
 * received, in order.
 */
function backendAnswering(
  status: number,
  body: JsonBodyType,
  headers: Record<string, string> = {},
) {
  const received: ReceivedRequest[] = [];
  server.use(
    http.all(`${BACKEND}/aws-access/*`, async ({ request }) => {
      const text = await request.text();
      received.push({
        method: request.method,
        url: new URL(request.url),
        authorization: request.headers.get('authorization'),
        contentType: request.headers.get('content-type'),
        body: text ? JSON.parse(text) : undefined,
      });
      return typeof body === 'string'
        ? new HttpResponse(body, { status, headers })
        : HttpResponse.json(body, { status, headers });
    }),
  );
  return received;
}

/** `METHOD /path?query` below the plugin's base URL. */
const route = ({ method, url }: ReceivedRequest) =>
  `${method} ${url.pathname.replace('/api/aws-access', '')}${url.search}`;

describe('AwsAccessClient', () => {
  // Backend modules pass no fetch: the client then uses cross-fetch.
  const client = new AwsAccessClient({ discoveryApi });

  it('asks the aws-access plugin with the token it is given, and returns the answer', async () => {
    const received = backendAnswering(200, { items: [{ accountId: '1' }] });
    const answer = await client.listAccounts({ token: 't0k' });
    expect(answer).toEqual({ items: [{ accountId: '1' }] });
    expect(received).toEqual([
      {
        method: 'GET',
        url: new URL(`${BACKEND}/aws-access/accounts`),
        authorization: 'Bearer t0k',
        contentType: null,
        body: undefined,
      },
    ]);
  });

  it('sends no Authorization header without a token', async () => {
    const received = backendAnswering(200, { items: [] });
    await client.listAccounts();
    expect(received[0].authorization).toBeNull();
  });

  it('sends bodies as JSON', async () => {
    const received = backendAnswering(201, { id: 'g1' });
    await client.createGrant(grantRequest, { token: 't0k' });
    expect(received[0]).toMatchObject({
      method: 'POST',
      authorization: 'Bearer t0k',
      contentType: 'application/json',
      body: grantRequest,
    });
  });

  it('uses the fetch it is given, as the frontend passes FetchApi', async () => {
    const received = backendAnswering(200, { items: [] });
    const withUserToken = new AwsAccessClient({
      discoveryApi,
      fetchApi: {
        fetch: (url, init) =>
          fetch(url, {
            ...init,
            headers: { Authorization: 'Bearer from-fetch-api' },
          }),
      },
    });
    await withUserToken.listAccounts();
    expect(received[0].authorization).toBe('Bearer from-fetch-api');
  });

  it.each<[string, string, () => Promise<unknown>, unknown]>([
    ['listAccounts', 'GET /accounts', () => client.listAccounts(), undefined],
    [
      'prepareNewAccount',
      'POST /onboarding/new',
      () => client.prepareNewAccount({ accountId: '123456789012' }),
      { accountId: '123456789012' },
    ],
    [
      'listActions',
      'GET /actions?resourceArn=arn%3Aaws%3As3%3A%3A%3Aorders',
      () => client.listActions('arn:aws:s3:::orders'),
      undefined,
    ],
    [
      'createGrant',
      'POST /grants',
      () => client.createGrant(grantRequest),
      grantRequest,
    ],
    [
      'previewGrant',
      'POST /grants/preview',
      () => client.previewGrant(grantRequest),
      grantRequest,
    ],
    ['getGrant', 'GET /grants/g%2F1', () => client.getGrant('g/1'), undefined],
    [
      'createBundle',
      'POST /bundles',
      () => client.createBundle(bundleRequest),
      bundleRequest,
    ],
    [
      'previewBundle',
      'POST /bundles/preview',
      () => client.previewBundle(bundleRequest),
      bundleRequest,
    ],
    [
      'getBundle',
      'GET /bundles/b%2F1',
      () => client.getBundle('b/1'),
      undefined,
    ],
    [
      'getOnboarding',
      'GET /onboarding/123456789012',
      () => client.getOnboarding('123456789012'),
      undefined,
    ],
    [
      'offboardAccount',
      'POST /accounts/123456789012/offboard',
      () => client.offboardAccount('123456789012'),
      {},
    ],
    [
      'listBreakGlassReviews',
      'GET /break-glass/reviews?state=pending&state=flagged&limit=5',
      () =>
        client.listBreakGlassReviews({
          state: ['pending', 'flagged'],
          limit: 5,
        }),
      undefined,
    ],
    [
      'reviewBreakGlass',
      'POST /break-glass/reviews/g%2F1',
      () => client.reviewBreakGlass('g/1', { decision: 'flag' }),
      { decision: 'flag' },
    ],
  ])('%s calls %s', async (_name, expectedRoute, call, expectedBody) => {
    const received = backendAnswering(200, {});
    await call();
    expect(received.map(route)).toEqual([expectedRoute]);
    expect(received[0].body).toEqual(expectedBody);
  });

  describe.each([
    ['Grant', 'grants', 'g/1', 'g%2F1'],
    ['Bundle', 'bundles', 'b/1', 'b%2F1'],
  ] as const)('%s actions', (kind, collection, id, escapedId) => {
    it.each([
      ['revoke', { reason: 'done' }],
      ['extend', { durationMinutes: 30 }],
      ['approve', { comment: 'fine' }],
      ['reject', { comment: 'not now' }],
      ['cancel', { reason: 'not needed' }],
    ] as const)(
      '%s posts its body below the escaped id',
      async (verb, body) => {
        const received = backendAnswering(200, {});
        const action = client[`${verb}${kind}`] as (
          id: string,
          body: object,
        ) => Promise<unknown>;
        await action.call(client, id, body);
        expect(received.map(route)).toEqual([
          `POST /${collection}/${escapedId}/${verb}`,
        ]);
        expect(received[0].body).toEqual(body);
      },
    );
  });

  it('repeats list filters and leaves out the ones not given', async () => {
    const received = backendAnswering(200, { items: [] });
    await client.listGrants({
      state: ['pending', 'active'],
      limit: 10,
      cursor: undefined,
    });
    expect(received.map(route)).toEqual([
      'GET /grants?state=pending&state=active&limit=10',
    ]);
  });

  describe('exportGrants', () => {
    const period = { from: '2026-01-01', to: '2026-02-01' };

    it('returns CSV as text, with the next cursor from the header', async () => {
      const received = backendAnswering(200, 'id,state\ng1,active\n', {
        'Content-Type': 'text/csv',
        'X-Next-Cursor': 'c2',
      });
      const page = await client.exportGrants(
        { ...period, format: 'csv', limit: 1 },
        { token: 't0k' },
      );
      expect(page).toEqual({ text: 'id,state\ng1,active\n', nextCursor: 'c2' });
      expect(received.map(route)).toEqual([
        'GET /export/grants?from=2026-01-01&to=2026-02-01&format=csv&limit=1',
      ]);
      expect(received[0].authorization).toBe('Bearer t0k');
    });

    it('returns JSON as text, with the next cursor from the body', async () => {
      backendAnswering(200, { items: [], nextCursor: 'c2' });
      const page = await client.exportGrants({ ...period, format: 'json' });
      expect(JSON.parse(page.text)).toEqual({ items: [], nextCursor: 'c2' });
      expect(page.nextCursor).toBe('c2');
    });
  });

  it.each([
    [409, 'ConflictError', 'grant g1 is already live'],
    [403, 'NotAllowedError', 'you may not revoke grant g2'],
    [503, 'ServiceUnavailableError', 'IAM is throttling'],
  ])(
    'turns a %s into a ResponseError with the server message',
    async (status, name, message) => {
      backendAnswering(status, {
        error: { name, message },
        response: { statusCode: status },
      });
      const error = await client.getGrant('g2').catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(status);
      expect(error.cause).toMatchObject({ name, message });
    },
  );

  it('turns a failed export into a ResponseError too', async () => {
    backendAnswering(403, {
      error: { name: 'NotAllowedError', message: 'admins only' },
      response: { statusCode: 403 },
    });
    const error = await client
      .exportGrants({ from: '2026-01-01', to: '2026-02-01', format: 'csv' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.cause.message).toBe('admins only');
  });
});
