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

import { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { http, HttpResponse } from 'msw';

/** What the fake API holds between requests. */
export interface FakeAwsAccessState {
  grants: Map<string, Grant>;
  /** Changes applied to a grant, one per `GET /grants/:id`, in order. */
  nextStates: Partial<Grant>[];
  /** The number in the next id the API hands out. */
  nextId: number;
}

interface CreateGrantBody {
  resourceArn: string;
  accountId?: string;
  actions: string[];
  reason: string;
  durationMinutes: number;
}

interface CreateBundleBody {
  targets: Array<{
    resourceArn: string;
    accountId?: string;
    actions: string[];
  }>;
  reason: string;
  durationMinutes: number;
}

/** Backstage's error body, as the real API's error handler sends it. */
export function errorResponse(
  status: number,
  error: { name: string; message: string },
) {
  return HttpResponse.json(
    { error, response: { statusCode: status } },
    { status },
  );
}

/**
 * The routes of the aws-access REST API that the actions call, below
 * `baseUrl`, answered from `state` the way the real API answers them.
 */
export function fakeAwsAccessRoutes(
  baseUrl: string,
  state: FakeAwsAccessState,
) {
  const newGrant = (
    body: Omit<CreateGrantBody, 'accountId'> & { accountId: string },
  ): Grant => ({
    id: `grant-${state.nextId++}`,
    state: 'provisioning',
    requester: 'user:default/mock',
    resourceArn: body.resourceArn,
    resourceType: 's3:bucket',
    accountId: body.accountId,
    region: '',
    actions: body.actions,
    reason: body.reason,
    durationMinutes: body.durationMinutes,
    createdAt: new Date().toISOString(),
  });

  /** A route on one stored grant, which answers with the grant `change` returns. */
  const onGrant = <Body>(
    method: 'get' | 'post',
    suffix: string,
    change: (grant: Grant, body: Body) => Grant,
  ) =>
    http[method]<{ id: string }>(
      `${baseUrl}/grants/:id${suffix}`,
      async ({ params, request }) => {
        const grant = state.grants.get(params.id);
        if (!grant) {
          return errorResponse(404, {
            name: 'NotFoundError',
            message: 'no such grant',
          });
        }
        const body = (method === 'post' ? await request.json() : {}) as Body;
        const updated = change(grant, body);
        state.grants.set(updated.id, updated);
        return HttpResponse.json(updated);
      },
    );

  return [
    http.post(`${baseUrl}/grants`, async ({ request }) => {
      const body = (await request.json()) as CreateGrantBody;
      const grant = newGrant({
        ...body,
        accountId: body.accountId ?? '123456789012',
      });
      state.grants.set(grant.id, grant);
      return HttpResponse.json(grant, { status: 201 });
    }),
    // One pending grant per account, as the real API makes them.
    http.post(`${baseUrl}/bundles`, async ({ request }) => {
      const body = (await request.json()) as CreateBundleBody;
      const id = `bundle-${state.nextId++}`;
      const byAccount = new Map<string, CreateBundleBody['targets']>();
      for (const target of body.targets) {
        const accountId = target.accountId ?? '123456789012';
        byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), target]);
      }
      const parts = [...byAccount.entries()].map(([accountId, targets]) => {
        const grant: Grant = {
          ...newGrant({
            ...body,
            accountId,
            resourceArn: targets[0].resourceArn,
            actions: [...new Set(targets.flatMap(t => t.actions))],
          }),
          state: 'pending',
          bundleId: id,
          targets: targets.map(t => ({ ...t, resourceType: 's3:bucket' })),
        };
        state.grants.set(grant.id, grant);
        return grant;
      });
      return HttpResponse.json(
        {
          id,
          state: 'pending',
          requester: 'user:default/mock',
          reason: body.reason,
          durationMinutes: body.durationMinutes,
          createdAt: new Date().toISOString(),
          grants: parts,
        },
        { status: 201 },
      );
    }),
    onGrant('get', '', grant => ({ ...grant, ...state.nextStates.shift() })),
    onGrant('post', '/revoke', grant => ({ ...grant, state: 'revoking' })),
    onGrant<{ durationMinutes: number }>(
      'post',
      '/extend',
      (grant, { durationMinutes }) => ({
        ...grant,
        durationMinutes: grant.durationMinutes + durationMinutes,
        expiresAt: new Date(
          Date.parse(grant.expiresAt ?? grant.createdAt) +
            durationMinutes * 60_000,
        ).toISOString(),
      }),
    ),
  ];
}
