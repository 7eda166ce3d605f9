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

import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import request from 'supertest';
import {
  appPerTest,
  CATALOGUED_BUCKET,
  OTHER,
} from '../service/__testUtils__/testApp';
import { readRequest } from '../service/__testUtils__/testFixtures';

jest.setTimeout(60_000);

describe('POST /grants in an account whose onboarding stack predates the grant boundary', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const outdated = new Set<string>();
  const t = appPerTest(databases, {
    // What AccountStatusChecker.assertGrantable does for an outdated account.
    assertAccountReady: accountId => {
      if (outdated.has(accountId)) {
        throw new ConflictError(
          `account ${accountId}'s onboarding stack must be updated before new grants`,
        );
      }
    },
  });

  it('answers 409 with a plain message and creates nothing, until the stack is updated', async () => {
    outdated.add(OTHER);
    const { app, iam } = t;
    // The catalogued bucket is in the other account.
    const body = readRequest(CATALOGUED_BUCKET);

    const refused = await request(app).post('/grants').send(body);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      name: 'ConflictError',
      message: `account ${OTHER}'s onboarding stack must be updated before new grants`,
    });
    expect(iam.calls).toEqual([]);
    expect((await request(app).get('/grants')).body.items).toEqual([]);

    outdated.delete(OTHER);
    const granted = await request(app).post('/grants').send(body);
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ accountId: OTHER, state: 'active' });
  });
});
