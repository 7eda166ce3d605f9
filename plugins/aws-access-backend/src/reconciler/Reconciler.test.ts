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

import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseGrantStore } from '../database/DatabaseGrantStore';
import { GrantRecord } from '../database/types';
import { GrantAuditor } from '../audit/GrantAuditor';
import { GRANT_POLICY_NAME } from '../provisioning/naming';
import { renderGrantPolicies } from '../provisioning/policies';
import type { GrantLifecycle } from '../lifecycle/GrantLifecycle';
import { createTestLifecycle } from '../lifecycle/__testUtils__/createTestLifecycle';
import { GrantEngine } from '../engine/GrantEngine';
import { grantRoleSpec } from '../engine/grantRoleSpec';
import { Reconciler } from './Reconciler';
import {
  provisioningGrant,
  RecordingProvisioner,
} from '../service/__testUtils__/RecordingProvisioner';

const HOME = '123456789012';
const OTHER = '210987654321';
const PATH = '/backstage-access/';
const requested = { type: 'requested' as const, actor: 'user:default/alice' };
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

// Shared by the suites; every test starts with their calls cleared.
const logger = mockServices.logger.mock();
const auditEvent = { success: jest.fn(), fail: jest.fn() };
const auditorService = mockServices.auditor.mock({
  createEvent: jest.fn(async () => auditEvent),
});

/** A grant store on an empty SQLite database, and an engine on it that records IAM. */
async function engineOnFreshDatabase(databases: TestDatabases) {
  const store = await DatabaseGrantStore.create({
    database: mockServices.database({
      knex: await databases.init('SQLITE_3'),
    }),
  });
  const iam = new RecordingProvisioner();
  const { lifecycle } = createTestLifecycle(store, logger);
  const engine = new GrantEngine({
    store,
    lifecycle,
    provisioner: iam,
    logger,
    rolePath: PATH,
  });
  return { store, iam, engine, lifecycle };
}

/** A new grant the engine drove to active, its role in IAM. */
async function activeGrant(
  store: DatabaseGrantStore,
  engine: GrantEngine,
): Promise<GrantRecord> {
  const inserted = await store.insertGrant(provisioningGrant(), requested);
  const active = await engine.drive(inserted.id);
  expect(active?.state).toBe('active');
  return active!;
}

describe('Reconciler', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let store: DatabaseGrantStore;
  let iam: RecordingProvisioner;
  let engine: GrantEngine;
  let lifecycle: GrantLifecycle;

  beforeEach(async () => {
    jest.clearAllMocks();
    ({ store, iam, engine, lifecycle } = await engineOnFreshDatabase(
      databases,
    ));
  });

  const reconciler = (accountIds = [HOME]) =>
    new Reconciler({
      store,
      lifecycle,
      provisioner: iam,
      accountIds: () => accountIds,
      logger,
      auditor: new GrantAuditor(auditorService),
      engine,
    });

  it('keeps live grant roles and roles that are not ours, removes the rest', async () => {
    const live = await store.insertGrant(provisioningGrant(), requested);
    await engine.drive(live.id);

    // A grant that ended while its role survived (e.g. deleted by hand in the DB).
    const ended = await store.insertGrant(provisioningGrant(), requested);
    await engine.drive(ended.id);
    await store.updateGrant(ended.id, {}, { state: 'revoked' });

    iam.addRole(
      {
        accountId: HOME,
        roleName: 'stray',
        roleArn: `arn:aws:iam::${HOME}:role/backstage-access/stray`,
        path: '/backstage-access/',
        grantId: 'no-such-grant',
        installationId: 'default',
      },
      ['backstage-access-grant'],
    );
    iam.addRole({
      accountId: HOME,
      roleName: 'hand-made',
      roleArn: `arn:aws:iam::${HOME}:role/backstage-access/hand-made`,
      path: '/backstage-access/',
    });

    const result = await reconciler().reconcile();

    expect(result.removed).toEqual([
      {
        roleArn: expect.stringContaining(ended.roleName),
        why: `its grant ${ended.id} is revoked`,
      },
      {
        roleArn: `arn:aws:iam::${HOME}:role/backstage-access/stray`,
        why: 'its grant no-such-grant is unknown',
      },
    ]);
    expect(result.foreign).toEqual([
      `arn:aws:iam::${HOME}:role/backstage-access/hand-made`,
    ]);
    expect([...iam.roles.values()].map(r => r.roleName).sort()).toEqual(
      ['hand-made', live.roleName].sort(),
    );
    const events = await store.listEvents(ended.id);
    expect(events[events.length - 1]).toMatchObject({
      type: 'orphan-removed',
      actor: 'system',
      reason: `its grant ${ended.id} is revoked`,
    });
    expect(
      auditorService.createEvent.mock.calls.map(([e]) => [
        e.eventId,
        e.meta?.roleArn,
        e.meta?.actor,
      ]),
    ).toEqual(
      result.removed.map(r => [
        'reconciler-role-removal',
        r.roleArn,
        'service:aws-access',
      ]),
    );
    // The live grant's role was checked, found as it should be, and kept.
    expect(result.repaired).toEqual([]);
  });

  it('does not claim the removal of a role whose grant its engine ended during the pass', async () => {
    // Pending when the pass lists the live grants, so not among them.
    const grant = await store.insertGrant(
      provisioningGrant({ state: 'pending' }),
      requested,
    );
    const listRoles = iam.listManagedRoles.bind(iam);
    jest
      .spyOn(iam, 'listManagedRoles')
      .mockImplementationOnce(async accountId => {
        // Approved and provisioned meanwhile; the roles are listed with its
        // role; then its engine revokes it and deletes the role itself.
        await store.updateGrant(
          grant.id,
          { states: ['pending'] },
          { state: 'provisioning' },
        );
        await engine.drive(grant.id);
        const roles = await listRoles(accountId);
        await engine.revoke(grant.id, 'user:default/alice');
        await engine.drive(grant.id);
        return roles;
      });

    const result = await reconciler().reconcile();

    expect(result.removed).toEqual([]);
    expect((await store.listEvents(grant.id)).map(e => e.type)).not.toContain(
      'orphan-removed',
    );
    expect(auditorService.createEvent).not.toHaveBeenCalled();
    expect(await store.getGrant(grant.id)).toMatchObject({ state: 'revoked' });
  });

  it('ends an active grant failed, with the cause, when its role was deleted by hand', async () => {
    const grant = await activeGrant(store, engine);
    const kept = await activeGrant(store, engine);
    for (const [key, role] of iam.roles) {
      if (role.roleName === grant.roleName) iam.roles.delete(key);
    }

    const result = await reconciler().reconcile();

    expect(result.revoked).toEqual([
      {
        grantId: grant.id,
        roleArn: grant.roleArn,
        why: 'the role was deleted outside Backstage',
      },
    ]);
    expect(await store.getGrant(grant.id)).toMatchObject({
      state: 'failed',
      lastError: 'the role was deleted outside Backstage',
    });
    expect(await store.getGrant(kept.id)).toMatchObject({ state: 'active' });
  });

  it('does not report a grant that ended during the pass, taking its role with it', async () => {
    const grant = await activeGrant(store, engine);
    // Its expiry runs between the reconciler's read of the live grants and
    // its look at IAM, as happens many times a minute under load.
    jest.spyOn(iam, 'listManagedRoles').mockImplementationOnce(async () => {
      await engine.expire(grant.id, grant.expiresAt);
      return [];
    });

    const result = await reconciler().reconcile();

    expect(result.revoked).toEqual([]);
    expect(await store.getGrant(grant.id)).toMatchObject({ state: 'expired' });
    expect(auditorService.createEvent).not.toHaveBeenCalled();
    expect(logger.warn).not.toHaveBeenCalledWith(
      expect.stringContaining('Revoked grant'),
    );
  });

  it('carries on with other accounts when one fails', async () => {
    const stray = {
      roleName: 'stray',
      path: '/backstage-access/',
      grantId: 'gone',
      installationId: 'default',
    };
    iam.addRole({ ...stray, accountId: OTHER, roleArn: 'arn:other' });
    const failing = reconciler([HOME, OTHER]);
    jest
      .spyOn(iam, 'listManagedRoles')
      .mockRejectedValueOnce(new Error('AccessDenied'));

    const result = await failing.reconcile();

    expect(result.failedAccounts).toEqual([HOME]);
    expect(result.removed).toEqual([
      { roleArn: 'arn:other', why: 'its grant gone is unknown' },
    ]);
  });

  it("never removes another installation's roles, and only logs them at debug", async () => {
    const theirs = {
      accountId: HOME,
      path: PATH,
      grantId: 'staging-grant',
    };
    iam.addRole({
      ...theirs,
      roleName: 'staging-role',
      roleArn: `arn:aws:iam::${HOME}:role${PATH}staging-role`,
      installationId: 'https://backstage-staging.example.com',
    });
    // From before installation tags: only ours if our store knows its grant.
    iam.addRole({
      ...theirs,
      roleName: 'untagged-role',
      roleArn: `arn:aws:iam::${HOME}:role${PATH}untagged-role`,
    });
    const ended = await store.insertGrant(provisioningGrant(), requested);
    await engine.drive(ended.id);
    await store.updateGrant(ended.id, {}, { state: 'expired' });
    delete iam.role(HOME, ended.roleName).installationId;

    const result = await reconciler().reconcile();

    expect(result.otherInstallations).toEqual([
      `arn:aws:iam::${HOME}:role${PATH}staging-role`,
      `arn:aws:iam::${HOME}:role${PATH}untagged-role`,
    ]);
    expect(result.removed).toEqual([
      {
        roleArn: expect.stringContaining(ended.roleName),
        why: `its grant ${ended.id} is expired`,
      },
    ]);
    expect([...iam.roles.keys()].sort()).toEqual(
      [`${HOME}/staging-role`, `${HOME}/untagged-role`].sort(),
    );
    expect(logger.debug).toHaveBeenCalledWith(
      expect.stringContaining(
        'belongs to Backstage installation https://backstage-staging.example.com',
      ),
    );
  });

  it('removes the role a failed grant left behind, also once its grant tag was removed', async () => {
    const left = await store.insertGrant(provisioningGrant(), requested);
    await engine.drive(left.id);
    // Revocation gave up (say IAM refused it) and left the role for us.
    await store.updateGrant(left.id, {}, { state: 'failed' });
    delete iam.role(HOME, left.roleName).grantId;

    const result = await reconciler().reconcile();

    expect(result.foreign).toEqual([]);
    expect(result.removed).toEqual([
      {
        roleArn: expect.stringContaining(left.roleName),
        why: `its grant ${left.id} is failed (and its grant tag was removed)`,
      },
    ]);
    expect(iam.roles.size).toBe(0);
  });

  it('treats a role as its grant’s by the recorded name, even with its grant tag removed', async () => {
    const live = await store.insertGrant(provisioningGrant(), requested);
    await engine.drive(live.id);
    // Someone with admin rights untags the role to make it look foreign.
    delete iam.role(HOME, live.roleName).grantId;

    const result = await reconciler().reconcile();

    expect(result.foreign).toEqual([]);
    expect(result.revoked).toEqual([
      {
        grantId: live.id,
        roleArn: expect.stringContaining(live.roleName),
        why: 'its grant tag was removed outside Backstage',
      },
    ]);
    expect(iam.roles.size).toBe(0);
    await expect(store.getGrant(live.id)).resolves.toMatchObject({
      state: 'failed',
      lastError: 'its grant tag was removed outside Backstage',
    });
  });
});

describe('Reconciler drift repair', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let store: DatabaseGrantStore;
  let iam: RecordingProvisioner;
  let engine: GrantEngine;
  let lifecycle: GrantLifecycle;
  let grant: GrantRecord;

  const reconcile = () =>
    new Reconciler({
      store,
      lifecycle,
      provisioner: iam,
      accountIds: () => [HOME],
      logger,
      auditor: new GrantAuditor(auditorService),
      engine,
    }).reconcile();

  /** What the engine writes for the grant: the policies drift is measured against. */
  const expected = (g: GrantRecord) =>
    renderGrantPolicies(grantRoleSpec(g, PATH));
  const role = (g: GrantRecord = grant) => iam.role(HOME, g.roleName);
  /** IAM writes since the last `iam.calls.length = 0`. */
  const writes = () =>
    iam.calls.filter(c => c.method !== 'getRoleState').map(c => c.method);

  async function lastEvent(g: GrantRecord = grant) {
    const events = await store.listEvents(g.id);
    return events[events.length - 1];
  }

  beforeEach(async () => {
    jest.clearAllMocks();
    ({ store, iam, engine, lifecycle } = await engineOnFreshDatabase(
      databases,
    ));
    grant = await activeGrant(store, engine);
    iam.calls.length = 0;
  });

  it('revokes a grant whose role predates the grant boundary, and says so', async () => {
    // Made before roles carried the boundary and the installation tag.
    delete role().permissionsBoundaryArn;
    delete role().installationId;

    const result = await reconcile();

    const why =
      'the role has no permissions boundary: it predates the grant boundary (onboarding template version 2)';
    expect(result.revoked).toEqual([
      { grantId: grant.id, roleArn: grant.roleArn, why },
    ]);
    await expect(store.getGrant(grant.id)).resolves.toMatchObject({
      state: 'failed',
      lastError: why,
    });
  });

  it.each([
    ['removed', undefined, 'permissions boundary removed outside Backstage'],
    [
      'replaced',
      'arn:aws:iam::aws:policy/AdministratorAccess',
      'permissions boundary replaced outside Backstage (by arn:aws:iam::aws:policy/AdministratorAccess)',
    ],
  ])(
    'revokes the grant when its boundary was %s, and ends it failed with the cause',
    async (_what, boundary, why) => {
      expect(role().permissionsBoundaryArn).toBe(
        `arn:aws:iam::${HOME}:policy/backstage-access/BackstageAccessGrantBoundary`,
      );
      role().permissionsBoundaryArn = boundary;

      const result = await reconcile();

      expect(result.revoked).toEqual([
        { grantId: grant.id, roleArn: grant.roleArn, why },
      ]);
      expect(result.repaired).toEqual([]);
      // Policy first (live sessions lose their rights), then the role.
      expect(writes()).toEqual(['deleteRolePolicy', 'deleteRole']);
      expect(iam.roles.size).toBe(0);
      const ended = await store.getGrant(grant.id);
      expect(ended).toMatchObject({ state: 'failed', lastError: why });
      const events = await store.listEvents(grant.id);
      expect(events.map(e => e.type)).toEqual(
        expect.arrayContaining(['revoke-requested', 'failed']),
      );
      expect(events.find(e => e.type === 'revoke-requested')).toMatchObject({
        actor: 'service:aws-access',
        reason: why,
      });
    },
  );

  it('reads each active grant role and writes nothing when it is as the grant says', async () => {
    // IAM does not keep the text: a reformatted but equivalent document,
    // as it reads back, is not drift.
    const permission = JSON.parse(expected(grant).permissionPolicy);
    const [statement] = permission.Statement;
    role().policies.set(
      GRANT_POLICY_NAME,
      JSON.stringify({
        Statement: {
          Resource: statement.Resource[0],
          Condition: statement.Condition,
          Action: statement.Action[0],
          Effect: 'Allow',
        },
        Version: '2012-10-17',
      }),
    );

    const result = await reconcile();

    expect(iam.callsOf('getRoleState', grant.roleName)).toBe(1);
    expect(writes()).toEqual([]);
    expect(result.repaired).toEqual([]);
    expect((await lastEvent()).type).toBe('activated');
    expect(auditorService.createEvent).not.toHaveBeenCalled();
  });

  it('puts back a permission policy edited by hand, and records it', async () => {
    const edited = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
    });
    role().policies.set(GRANT_POLICY_NAME, edited);

    const result = await reconcile();

    expect(role().policies.get(GRANT_POLICY_NAME)).toBe(
      expected(grant).permissionPolicy,
    );
    expect(writes()).toEqual(['putRolePolicy']);
    expect(result.repaired).toEqual([
      {
        grantId: grant.id,
        roleArn: grant.roleArn,
        drift: {
          permissionPolicy: 'changed',
          extraInlinePolicies: [],
          attachedPolicyArns: [],
        },
      },
    ]);
    expect(await lastEvent()).toMatchObject({
      type: 'drift-repaired',
      actor: 'service:aws-access',
      reason: 'changed by hand: the permission policy was changed',
      data: {
        roleArn: grant.roleArn,
        permissionPolicy: 'changed',
        foundPermissionPolicy: JSON.parse(edited),
      },
    });
    expect(auditorService.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'reconciler-drift-repair',
        severityLevel: 'high',
        meta: expect.objectContaining({
          actor: 'service:aws-access',
          grantId: grant.id,
          roleArn: grant.roleArn,
          permissionPolicy: 'changed',
        }),
      }),
    );
    expect(auditEvent.success).toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(`Repaired ${grant.roleArn}`),
    );

    // Repaired once: the next pass finds nothing to do.
    iam.calls.length = 0;
    await expect(reconcile()).resolves.toMatchObject({ repaired: [] });
    expect(writes()).toEqual([]);
  });

  it('puts back a permission policy deleted by hand', async () => {
    role().policies.delete(GRANT_POLICY_NAME);

    await reconcile();

    expect(role().policies.get(GRANT_POLICY_NAME)).toBe(
      expected(grant).permissionPolicy,
    );
    expect(await lastEvent()).toMatchObject({
      type: 'drift-repaired',
      reason: 'changed by hand: the permission policy was deleted',
    });
  });

  it('detaches a managed policy attached by hand, but never from a role that is not ours', async () => {
    role().attachedPolicyArns.add(READ_ONLY);
    iam.addRole({
      accountId: HOME,
      roleName: 'hand-made',
      roleArn: `arn:aws:iam::${HOME}:role/backstage-access/hand-made`,
      path: PATH,
    });
    iam.role(HOME, 'hand-made').attachedPolicyArns.add(READ_ONLY);

    const result = await reconcile();

    expect([...role().attachedPolicyArns]).toEqual([]);
    expect(writes()).toEqual(['detachRolePolicy']);
    expect(iam.calls).not.toContainEqual(
      expect.objectContaining({ roleName: 'hand-made' }),
    );
    expect([...iam.role(HOME, 'hand-made').attachedPolicyArns]).toEqual([
      READ_ONLY,
    ]);
    expect(result.foreign).toEqual([
      `arn:aws:iam::${HOME}:role/backstage-access/hand-made`,
    ]);
    expect(await lastEvent()).toMatchObject({
      type: 'drift-repaired',
      reason: `changed by hand: managed policy ${READ_ONLY} attached`,
      data: { attachedPolicyArns: [READ_ONLY] },
    });
  });

  it('deletes an inline policy added by hand beside the grant’s', async () => {
    role().policies.set(
      'break-glass',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }],
      }),
    );

    await reconcile();

    expect([...role().policies.keys()]).toEqual([GRANT_POLICY_NAME]);
    expect(writes()).toEqual(['deleteRolePolicy']);
    expect(await lastEvent()).toMatchObject({
      type: 'drift-repaired',
      reason: 'changed by hand: inline policy break-glass added',
      data: { extraInlinePolicies: ['break-glass'] },
    });
  });

  it('restores a trust policy widened to let others assume the role', async () => {
    const trust = JSON.parse(expected(grant).trustPolicy);
    trust.Statement[0].Principal.AWS.push(`arn:aws:iam::${OTHER}:root`);
    role().trustPolicy = JSON.stringify(trust);

    await reconcile();

    expect(role().trustPolicy).toBe(expected(grant).trustPolicy);
    expect(writes()).toEqual(['putTrustPolicy']);
    expect(await lastEvent()).toMatchObject({
      type: 'drift-repaired',
      reason: 'changed by hand: the trust policy was changed',
      data: { trustPolicy: 'changed', foundTrustPolicy: trust },
    });
  });

  it('leaves a grant alone while the engine holds it, e.g. mid-extension', async () => {
    role().policies.set(GRANT_POLICY_NAME, '{"Statement":[]}');
    const now = new Date();
    await store.claimGrant(grant.id, {
      owner: 'engine-extending',
      until: new Date(now.getTime() + 60_000),
      now,
      states: ['active'],
    });

    const result = await reconcile();

    expect(iam.calls).toEqual([]);
    expect(result.repaired).toEqual([]);
    expect(role().policies.get(GRANT_POLICY_NAME)).toBe('{"Statement":[]}');
  });

  it('repairs against the grant’s current expiry and releases the grant afterwards', async () => {
    const extended = await engine.extend(grant.id, {
      expiresAt: new Date(grant.expiresAt!.getTime() + 60 * 60_000),
      actor: 'user:default/alice',
    });
    role().policies.delete(GRANT_POLICY_NAME);

    await reconcile();

    expect(role().policies.get(GRANT_POLICY_NAME)).toBe(
      expected(extended).permissionPolicy,
    );
    expect(expected(extended).permissionPolicy).not.toBe(
      expected(grant).permissionPolicy,
    );
    // Released: the engine can extend it again at once.
    await expect(
      engine.extend(grant.id, {
        expiresAt: new Date(extended.expiresAt!.getTime() + 60_000),
        actor: 'user:default/alice',
      }),
    ).resolves.toMatchObject({ state: 'active' });
  });

  it('carries on with other roles when one cannot be repaired', async () => {
    const second = await activeGrant(store, engine);
    role().policies.delete(GRANT_POLICY_NAME);
    role(second).policies.delete(GRANT_POLICY_NAME);
    iam.failOn('putRolePolicy', new Error('AccessDenied'));

    const result = await reconcile();

    expect(result.failedRoles).toHaveLength(1);
    expect(result.repaired).toHaveLength(1);
    expect(result.failedAccounts).toEqual([]);
    const repaired = [grant, second].filter(g =>
      role(g).policies.has(GRANT_POLICY_NAME),
    );
    expect(repaired.map(g => g.roleArn)).toEqual(
      result.repaired.map(r => r.roleArn),
    );
    // The failed one is retried (and repaired) by the next pass.
    await expect(reconcile()).resolves.toMatchObject({
      failedRoles: [],
      repaired: [expect.objectContaining({ roleArn: result.failedRoles[0] })],
    });
  });
});
