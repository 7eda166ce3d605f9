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

import { ResponseError } from '@backstage/errors';
import { AwsAccessClient } from './AwsAccessClient';

function clientAnswering(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = new AwsAccessClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backend/api/${pluginId}`,
    },
    fetchApi: { fetch: fetch as any },
  });
  return { client, fetch };
}

describe('AwsAccessClient', () => {
  it('asks the aws-access plugin, with the token it is given', async () => {
    const { client, fetch } = clientAnswering(200, { items: [] });
    await client.listAccounts({ token: 't0k' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://backend/api/aws-access/accounts');
    expect(init).toMatchObject({
      method: 'GET',
      headers: { Authorization: 'Bearer t0k' },
      body: undefined,
    });
  });

  it('sends bodies as JSON and escapes ids in paths', async () => {
    const { client, fetch } = clientAnswering(200, { id: 'a/b' });
    await client.revokeGrant('a/b', { reason: 'done' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://backend/api/aws-access/grants/a%2Fb/revoke');
    expect(init).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'done' }),
    });
  });

  it('posts bundle decisions to the bundle, with escaped ids', async () => {
    const { client, fetch } = clientAnswering(200, { id: 'b/1', grants: [] });
    await client.approveBundle('b/1', { comment: 'both fine' });
    await client.extendBundle('b/1', { durationMinutes: 30 });
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      'http://backend/api/aws-access/bundles/b%2F1/approve',
      'http://backend/api/aws-access/bundles/b%2F1/extend',
    ]);
    expect(fetch.mock.calls[1][1]).toMatchObject({
      method: 'POST',
      body: JSON.stringify({ durationMinutes: 30 }),
    });
  });

  it('repeats list filters and leaves out the ones not given', async () => {
    const { client, fetch } = clientAnswering(200, { items: [] });
    await client.listGrants({
      state: ['pending', 'active'],
      limit: 10,
      cursor: undefined,
    });
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/aws-access/grants');
    expect(url.searchParams.getAll('state')).toEqual(['pending', 'active']);
    expect(url.searchParams.get('limit')).toBe('10');
    expect(url.searchParams.has('cursor')).toBe(false);
  });

  it('throws a ResponseError carrying the Backstage error body', async () => {
    const { client } = clientAnswering(409, {
      error: { name: 'ConflictError', message: 'already live', grantId: 'g1' },
      response: { statusCode: 409 },
    });
    const error = await client.getGrant('g2').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.body.error).toMatchObject({
      name: 'ConflictError',
      grantId: 'g1',
    });
  });
});
