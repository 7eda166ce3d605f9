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
import { RecordingProvisioner } from '../service/__testUtils__/RecordingProvisioner';
import { ALICE, BOB, DAN, PAT } from '../service/__testUtils__/testApp';
import {
  bundleBody,
  bundleEntities,
  ownerApprovalConfig,
  SECURITY_BUCKET,
  target,
  TEAM_BUCKET,
} from '../bundles/__testUtils__/bundleTestApp';
import { createActionsTestApp } from './__testUtils__/actionsTestApp';

jest.setTimeout(60_000);

describe('the bundle actions', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let iam: RecordingProvisioner;
  let app: Awaited<ReturnType<typeof createActionsTestApp>>;

  beforeEach(async () => {
    iam = new RecordingProvisioner();
    app = await createActionsTestApp({
      provisioner: iam,
      knex: await databases.init('SQLITE_3'),
      config: ownerApprovalConfig,
      entities: bundleEntities,
      withBundles: true,
    });
  });

  it('registers every bundle action', async () => {
    const { actions } = await app.registry.list();
    const names = actions
      .map(a => a.name)
      .filter(n => n.includes('bundle'))
      .sort();
    expect(names).toEqual([
      'approve-bundle',
      'cancel-bundle',
      'extend-bundle',
      'get-bundle',
      'reject-bundle',
      'request-bundle',
      'revoke-bundle',
    ]);
  });

  it('requests, approves by every owner, and revokes a bundle through the same rules as REST', async () => {
    const requested = await app.invoke(
      'request-bundle',
      bundleBody([target(TEAM_BUCKET), target(SECURITY_BUCKET)]),
      ALICE,
    );
    const id = requested.bundle.id;
    expect(requested.bundle).toMatchObject({
      state: 'pending',
      awaitingApproval: [
        { approverGroups: ['group:default/team'], approvalsNeeded: 1 },
        { approverGroups: ['group:default/security'], approvalsNeeded: 1 },
      ],
    });
    // The requester never approves their own bundle.
    expect(
      (await app.refusal('approve-bundle', { bundleId: id }, ALICE)).name,
    ).toBe('NotAllowedError');
    const half = await app.invoke('approve-bundle', { bundleId: id }, BOB);
    expect(half.bundle.state).toBe('pending');
    expect(half.bundle.awaitingApproval).toHaveLength(1);
    expect(iam.calls).toEqual([]);

    const whole = await app.invoke('approve-bundle', { bundleId: id }, DAN);
    expect(whole.bundle.state).toBe('active');
    expect(whole.bundle.grants).toHaveLength(2);
    expect(iam.callsOf('createRole')).toBe(2);

    // As an approver of the bundle, Bob reads every part of it.
    expect(
      (await app.invoke('get-bundle', { bundleId: id }, BOB)).bundle.id,
    ).toBe(id);
    // Someone with nothing to do with it does not.
    expect((await app.refusal('get-bundle', { bundleId: id }, PAT)).name).toBe(
      'NotAllowedError',
    );

    const revoked = await app.invoke(
      'revoke-bundle',
      { bundleId: id, reason: 'done' },
      ALICE,
    );
    expect(revoked.bundle.state).toBe('revoked');
    expect(iam.callsOf('deleteRole')).toBe(2);
  });

  it('refuses bad input with an InputError naming the target', async () => {
    const error = await app.refusal(
      'request-bundle',
      bundleBody([target(TEAM_BUCKET), target('arn:aws:s3:::nowhere-bucket')]),
      ALICE,
    );
    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(/targets\.1\.resourceArn/);
  });
});
