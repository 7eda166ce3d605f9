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
import { ConflictError, InputError } from '@backstage/errors';
import { DatabaseGrantStore } from '../database/DatabaseGrantStore';
import { GrantRecord } from '../database/types';
import { createTestLifecycle } from '../lifecycle/__testUtils__/createTestLifecycle';
import { ExpiryScheduler } from './ExpiryScheduler';
import { GrantEngine } from './GrantEngine';
import {
  provisioningGrant,
  RecordingProvisioner,
} from '../service/__testUtils__/RecordingProvisioner';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });
const logger = mockServices.logger.mock();
const requested = { type: 'requested' as const, actor: 'user:default/alice' };

async function until<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise(r => setTimeout(r, 25));
  }
}

describe.each(databases.eachSupportedId())('GrantEngine (%s)', databaseId => {
  let store: DatabaseGrantStore;
  let iam: RecordingProvisioner;

  /** One backend process: its engine, and the lifecycle and bus it writes through. */
  const replica = (
    options: { claimLeaseMs?: number; maxAttempts?: number } = {},
  ) => {
    const { lifecycle, events } = createTestLifecycle(store, logger);
    const engine = new GrantEngine({
      store,
      lifecycle,
      provisioner: iam,
      logger,
      rolePath: '/backstage-access/',
      ...options,
    });
    return { engine, lifecycle, events };
  };
  const engine = (options?: { claimLeaseMs?: number; maxAttempts?: number }) =>
    replica(options).engine;
  /** A replica whose expiry scheduler hears its changes, as the plugin wires it. */
  const scheduledReplica = () => {
    const { engine: e, lifecycle, events: bus } = replica();
    const expiry = new ExpiryScheduler({
      engine: e,
      lifecycle,
      events: bus,
      store,
      logger,
    });
    return { engine: e, expiry };
  };

  const events = async (id: string) =>
    (await store.listEvents(id)).map(e => e.type);

  beforeEach(async () => {
    store = await DatabaseGrantStore.create({
      database: mockServices.database({
        knex: await databases.init(databaseId),
      }),
    });
    iam = new RecordingProvisioner();
  });

  it('provisions a grant: CreateRole, PutRolePolicy, active', async () => {
    const grant = await store.insertGrant(provisioningGrant(), requested);
    const changes: string[] = [];
    const { engine: e, events: bus } = replica();
    bus.subscribe((_g, type) => {
      changes.push(type);
    });

    const result = await e.drive(grant.id);

    expect(result).toMatchObject({
      state: 'active',
      roleArn: `arn:aws:iam::123456789012:role/backstage-access/${grant.roleName}`,
      activatedAt: expect.any(Date),
      claimedBy: undefined,
    });
    expect(iam.calls.map(c => c.method)).toEqual([
      'createRole',
      'putRolePolicy',
    ]);
    expect(iam.roles.get(`123456789012/${grant.roleName}`)?.policies.size).toBe(
      1,
    );
    expect(await events(grant.id)).toEqual([
      'requested',
      'role-created',
      'activated',
    ]);
    expect(changes).toEqual(['activated']);
  });

  it('revokes: DeleteRolePolicy before DeleteRole, and is idempotent', async () => {
    const grant = await store.insertGrant(provisioningGrant(), requested);
    const e = engine();
    await e.drive(grant.id);

    const revoking = await e.revoke(grant.id, 'user:default/alice', 'done');
    expect(revoking.state).toBe('revoking');
    const result = await e.drive(grant.id);

    expect(result).toMatchObject({
      state: 'revoked',
      endedAt: expect.any(Date),
    });
    expect(iam.calls.map(c => c.method)).toEqual([
      'createRole',
      'putRolePolicy',
      'deleteRolePolicy',
      'deleteRole',
    ]);
    expect(iam.roles.size).toBe(0);
    const history = await store.listEvents(grant.id);
    expect(history.find(ev => ev.type === 'revoke-requested')).toMatchObject({
      actor: 'user:default/alice',
      reason: 'done',
      fromState: 'active',
      toState: 'revoking',
    });
    expect((await e.revoke(grant.id, 'user:default/alice')).state).toBe(
      'revoked',
    );
    expect(iam.calls).toHaveLength(4);
  });

  it('cancels only pending requests, and revokes only what was granted', async () => {
    const e = engine();
    const pending = await store.insertGrant(
      provisioningGrant({ state: 'pending' }),
      requested,
    );
    // Revoke does not end a request that was never granted...
    expect((await e.revoke(pending.id, 'user:default/alice')).state).toBe(
      'pending',
    );
    // ...cancel does, once.
    expect((await e.cancel(pending.id, 'user:default/alice')).state).toBe(
      'cancelled',
    );
    expect((await e.cancel(pending.id, 'user:default/alice')).state).toBe(
      'cancelled',
    );
    expect(await events(pending.id)).toEqual(['requested', 'cancelled']);

    const granted = await store.insertGrant(provisioningGrant(), requested);
    await e.drive(granted.id);
    expect((await e.cancel(granted.id, 'user:default/alice')).state).toBe(
      'active',
    );
  });

  it('resumes after a crash between CreateRole and PutRolePolicy, with no orphan role', async () => {
    const grant = await store.insertGrant(provisioningGrant(), requested);
    iam.hangOn('putRolePolicy');
    const crashed = engine({ claimLeaseMs: 300 });
    void crashed.drive(grant.id); // dies inside PutRolePolicy
    await until(
      async () => iam.callsOf('putRolePolicy'),
      n => n === 1,
    );

    const restarted = engine({ claimLeaseMs: 300 });
    // The dead engine's claim still holds: nobody else touches the grant yet.
    expect(await restarted.resumeAll()).toBe(0);
    await new Promise(r => setTimeout(r, 350));
    expect(await restarted.resumeAll()).toBe(1);

    const result = await store.getGrant(grant.id);
    expect(result?.state).toBe('active');
    expect([...iam.roles.values()]).toEqual([
      expect.objectContaining({ roleName: grant.roleName, grantId: grant.id }),
    ]);
    expect(iam.roles.get(`123456789012/${grant.roleName}`)?.policies.size).toBe(
      1,
    );
  });

  it('resumes after a crash between DeleteRolePolicy and DeleteRole, with no orphan role', async () => {
    const grant = await store.insertGrant(provisioningGrant(), requested);
    const first = engine({ claimLeaseMs: 300 });
    await first.drive(grant.id);
    await first.revoke(grant.id, 'user:default/alice');
    iam.hangOn('deleteRole');
    void first.drive(grant.id); // dies inside DeleteRole
    await until(
      async () => iam.callsOf('deleteRole'),
      n => n === 1,
    );
    expect((await store.getGrant(grant.id))?.state).toBe('revoking');

    await new Promise(r => setTimeout(r, 350));
    const restarted = engine({ claimLeaseMs: 300 });
    expect(await restarted.resumeAll()).toBe(1);

    expect(await store.getGrant(grant.id)).toMatchObject({ state: 'revoked' });
    expect(iam.roles.size).toBe(0);
  });

  it('retries a failed step on the next sweep', async () => {
    const grant = await store.insertGrant(provisioningGrant(), requested);
    iam.failOn(
      'putRolePolicy',
      Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }),
    );
    const e = engine();
    const afterFailure = await e.drive(grant.id);
    expect(afterFailure).toMatchObject({
      state: 'provisioning',
      attempts: 1,
      lastError: expect.stringContaining('Rate exceeded'),
    });

    expect(await e.resumeAll()).toBe(1);
    expect(await store.getGrant(grant.id)).toMatchObject({
      state: 'active',
      attempts: 0,
      lastError: undefined,
    });
    expect(await events(grant.id)).toEqual([
      'requested',
      'role-created',
      'step-failed',
      'activated',
    ]);
  });

  it('fails a grant IAM refuses and removes what was created', async () => {
    const grant = await store.insertGrant(provisioningGrant(), requested);
    iam.failOn(
      'putRolePolicy',
      Object.assign(new Error('bad policy'), {
        name: 'MalformedPolicyDocument',
      }),
    );
    const result = await engine().drive(grant.id);

    expect(result).toMatchObject({
      state: 'failed',
      lastError: expect.stringContaining('bad policy'),
    });
    expect(iam.roles.size).toBe(0);
    expect(await events(grant.id)).toEqual([
      'requested',
      'role-created',
      'provisioning-failed',
      'policy-deleted',
      'failed',
    ]);
  });

  it('extends an active grant: IAM first, then the new expiry', async () => {
    const grant = await store.insertGrant(provisioningGrant(), requested);
    const e = engine();
    await e.drive(grant.id);
    const later = new Date(grant.expiresAt!.getTime() + 30 * 60_000);

    await expect(
      e.extend(grant.id, {
        expiresAt: new Date(grant.expiresAt!.getTime() - 1000),
        actor: 'user:default/alice',
      }),
    ).rejects.toThrow(InputError);
    expect(iam.callsOf('updateExpiry')).toBe(0);

    const extended = await e.extend(grant.id, {
      expiresAt: later,
      actor: 'user:default/alice',
      reason: 'more time',
    });
    expect(extended.expiresAt).toEqual(later);
    expect(iam.roles.get(`123456789012/${grant.roleName}`)?.expiresAt).toEqual(
      later,
    );
    const history = await store.listEvents(grant.id);
    expect(history[history.length - 1]).toMatchObject({
      type: 'extended',
      reason: 'more time',
      data: {
        previousExpiresAt: grant.expiresAt!.toISOString(),
        expiresAt: later.toISOString(),
      },
    });

    await e.revoke(grant.id, 'user:default/alice');
    await expect(
      e.extend(grant.id, { expiresAt: later, actor: 'user:default/alice' }),
    ).rejects.toThrow(ConflictError);
  });

  it('expires a grant within a second of its expiry, by timer', async () => {
    const grant = await store.insertGrant(
      provisioningGrant({ expiresAt: new Date(Date.now() + 1_500) }),
      requested,
    );
    const { engine: e, expiry } = scheduledReplica();
    try {
      await e.drive(grant.id);
      expect(expiry.armed).toBe(1);

      const ended = await until(
        () => store.getGrant(grant.id),
        g => g?.state === 'expired',
      );
      expect(ended?.state).toBe('expired');
      expect(
        ended!.endedAt!.getTime() - grant.expiresAt!.getTime(),
      ).toBeLessThan(1_000);
      expect(iam.roles.size).toBe(0);
      expect(expiry.armed).toBe(0);
    } finally {
      expiry.stop();
    }
  });

  it('expires overdue grants and resumes stuck ones on the first sweep after a restart', async () => {
    const overdue = await store.insertGrant(
      provisioningGrant({ expiresAt: new Date(Date.now() + 200) }),
      requested,
    );
    const stuck = await store.insertGrant(provisioningGrant(), requested);
    await engine().drive(overdue.id); // no scheduler: the "old process" had the timer
    await new Promise(r => setTimeout(r, 250));

    const { expiry } = scheduledReplica();
    try {
      await expiry.sweep();
      expect((await store.getGrant(overdue.id))?.state).toBe('expired');
      const resumed = await store.getGrant(stuck.id);
      expect(resumed?.state).toBe('active');
      // ...and the resumed grant's timer is armed.
      expect(expiry.armed).toBe(1);
    } finally {
      expiry.stop();
    }
  });

  it('lets two engines race over the same grants without doing any twice', async () => {
    const grants: GrantRecord[] = [];
    for (let i = 0; i < 8; i++) {
      grants.push(await store.insertGrant(provisioningGrant(), requested));
    }
    iam.latencyMs = 20;
    const a = engine();
    const b = engine();
    await Promise.all([
      a.resumeAll(),
      b.resumeAll(),
      ...grants.flatMap(g => [a.drive(g.id), b.drive(g.id)]),
    ]);

    for (const g of grants) {
      expect((await store.getGrant(g.id))?.state).toBe('active');
      expect(iam.callsOf('createRole', g.roleName)).toBe(1);
      expect(iam.callsOf('putRolePolicy', g.roleName)).toBe(1);
    }
  });
});
