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
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import {
  errorResponse,
  FakeAwsAccessState,
  fakeAwsAccessRoutes,
} from './fakeAwsAccessRoutes';

/** Where the fake API answers; no such host exists, msw answers for it. */
const BASE_URL = 'http://aws-access.test/api/aws-access';

/** One request the fake API received. */
export interface RecordedRequest {
  method: string;
  /** Below the plugin's base URL, with the query. */
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
 * A stand-in for the aws-access REST API, answered by msw where the actions'
 * HTTP requests leave the process, so the actions are tested through the
 * real typed client, fetch and JSON, down to the Authorization header. It
 * keeps grants in memory; a test scripts how a grant moves on with
 * {@link FakeAwsAccessApi.nextStates} and makes calls fail with
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
}

/**
 * A fake API for the enclosing `describe` block: emptied before each test
 * (then holding `grants`), answering while the block runs. A request to any
 * other address is an error, but for a backend the test started itself.
 */
export function useFakeAwsAccessApi(grants: Grant[] = []): FakeAwsAccessApi {
  const state: FakeAwsAccessState = {
    grants: new Map(),
    nextStates: [],
    nextId: 1,
  };
  const requests: RecordedRequest[] = [];
  const failures: Array<{ error: FakeApiError; path?: RegExp }> = [];

  // Records every request, then answers it with a scripted failure or lets
  // it fall through to the routes.
  const recordAndFail = http.all(`${BASE_URL}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const path = `${url.pathname.slice(new URL(BASE_URL).pathname.length)}${
      url.search
    }`;
    const text = await request.clone().text();
    requests.push({
      method: request.method,
      path,
      authorization: request.headers.get('authorization') ?? undefined,
      body: text ? JSON.parse(text) : {},
    });
    const index = failures.findIndex(f => !f.path || f.path.test(path));
    if (index < 0) {
      return undefined;
    }
    const [{ error }] = failures.splice(index, 1);
    return errorResponse(error.status, error);
  });
  // These are the handlers the server starts with, so they outlive the
  // `resetHandlers` after each test.
  const server = setupServer(
    recordAndFail,
    ...fakeAwsAccessRoutes(BASE_URL, state),
    // supertest calling a backend the test started (on loopback) is real.
    http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
  );
  registerMswTestHooks(server);

  const api: FakeAwsAccessApi = {
    discovery: {
      getBaseUrl: async () => BASE_URL,
      getExternalBaseUrl: async () => BASE_URL,
    },
    requests,
    grants: state.grants,
    nextStates: state.nextStates,
    failNext(error, path) {
      failures.push({ error, path });
    },
    reset() {
      requests.length = 0;
      state.nextStates.length = 0;
      failures.length = 0;
      state.grants.clear();
      state.nextId = 1;
    },
  };
  beforeEach(() => {
    api.reset();
    for (const grant of grants) api.grants.set(grant.id, grant);
  });
  return api;
}
