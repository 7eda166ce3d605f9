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
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startAwsAccessTestBackend } from '../__testUtils__/startAwsAccessTestBackend';
import { RecordingProvisioner } from '../service/__testUtils__/RecordingProvisioner';
import {
  ALICE,
  BUCKET,
  entities,
  HOME,
  OTHER,
} from '../service/__testUtils__/testApp';

jest.setTimeout(60_000);

const admin = mockCredentials.user.header('user:default/admin');
const alice = mockCredentials.user.header(ALICE);

async function startBackend(iam: RecordingProvisioner) {
  const { server } = await startAwsAccessTestBackend({
    provisioner: iam,
    entities,
    config: {
      awsAccess: {
        catalog: { enabled: false },
        accounts: [
          { accountId: HOME, name: 'home', regions: ['us-east-1'] },
          { accountId: OTHER, name: 'other', regions: ['eu-west-1'] },
        ],
      },
    },
    features: [
      // The real in-process scheduler of the test utils: triggerTask runs the task.
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => mockServices.scheduler(),
      }),
    ],
  });
  return server;
}

describe('offboarding an account', () => {
  it('answers at once, and the task revokes every live grant in the account', async () => {
    const iam = new RecordingProvisioner();
    const server = await startBackend(iam);
    const api = '/api/aws-access';
    for (const actions of [['s3:GetObject'], ['s3:ListBucket']]) {
      const created = await request(server)
        .post(`${api}/grants`)
        .set('authorization', alice)
        .send({
          resourceArn: BUCKET,
          actions,
          durationMinutes: 60,
          reason: 'before offboarding',
          accountId: HOME,
        });
      expect(created.status).toBe(201);
      expect(created.body.state).toBe('active');
    }
    expect(iam.roles.size).toBe(2);
    // IAM is slow now: revoking one grant takes seconds, the request must not.
    iam.latencyMs = 1_000;

    const res = await request(server)
      .post(`${api}/accounts/${HOME}/offboard`)
      .set('authorization', admin);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      accountId: HOME,
      state: 'requested',
      revokedGrants: 0,
      statusPath: `/accounts/${HOME}/offboard`,
    });
    // Answered before the task got through: the roles are still there.
    expect(iam.roles.size).toBeGreaterThan(0);

    let status = res.body;
    for (let i = 0; i < 150 && status.state !== 'done'; i++) {
      await new Promise(resolve => setTimeout(resolve, 200));
      status = (
        await request(server)
          .get(`${api}${res.body.statusPath}`)
          .set('authorization', admin)
      ).body;
      expect(status.state).not.toBe('failed');
    }
    expect(status).toMatchObject({
      state: 'done',
      revokedGrants: 2,
      remainingGrants: 0,
    });
    expect(status.instructions).toMatch(/^Revoked 2 grant\(s\)/);
    expect(iam.roles.size).toBe(0);

    const grants = await request(server)
      .get(`${api}/grants`)
      .set('authorization', alice);
    expect(grants.body.items.map((g: { state: string }) => g.state)).toEqual([
      'revoked',
      'revoked',
    ]);
    const events = await request(server)
      .get(`${api}/grants/${grants.body.items[0].id}`)
      .set('authorization', alice);
    expect(events.body.events).toContainEqual(
      expect.objectContaining({
        type: 'revoke-requested',
        actor: 'user:default/admin',
        reason: 'account offboarded',
      }),
    );
  });
});
