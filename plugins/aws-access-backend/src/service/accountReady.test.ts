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
import { RecordingProvisioner } from './__testUtils__/RecordingProvisioner';
import {
  CATALOGUED_BUCKET,
  createTestApp,
  OTHER,
} from './__testUtils__/testApp';

jest.setTimeout(60_000);

describe('POST /grants in an account whose onboarding stack predates the grant boundary', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('answers 409 with a plain message and creates nothing, until the stack is updated', async () => {
    const iam = new RecordingProvisioner();
    const outdated = new Set([OTHER]);
    const { app } = await createTestApp({
      provisioner: iam,
      knex: await databases.init('SQLITE_3'),
      // What AccountStatusChecker.assertGrantable does for an outdated account.
      assertAccountReady: accountId => {
        if (outdated.has(accountId)) {
          throw new ConflictError(
            `account ${accountId}'s onboarding stack must be updated before new grants`,
          );
        }
      },
    });
    const body = {
      resourceArn: CATALOGUED_BUCKET,
      actions: ['s3:GetObject'],
      durationMinutes: 60,
      reason: 'reading the monthly report',
    };

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
