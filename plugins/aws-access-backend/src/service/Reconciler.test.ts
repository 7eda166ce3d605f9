import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseGrantStore } from '../database/DatabaseGrantStore';
import { GrantEngine } from './GrantEngine';
import { Reconciler } from './Reconciler';
import {
  provisioningGrant,
  RecordingProvisioner,
} from './__testUtils__/RecordingProvisioner';

const HOME = '123456789012';
const OTHER = '210987654321';
const requested = { type: 'requested', actor: 'user:default/alice' };

describe('Reconciler', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const logger = mockServices.logger.mock();
  let store: DatabaseGrantStore;
  let iam: RecordingProvisioner;
  let engine: GrantEngine;

  beforeEach(async () => {
    store = await DatabaseGrantStore.create({
      database: mockServices.database({
        knex: await databases.init('SQLITE_3'),
      }),
    });
    iam = new RecordingProvisioner();
    engine = new GrantEngine({
      store,
      provisioner: iam,
      logger,
      rolePath: '/backstage-access/',
    });
  });

  const reconciler = (accountIds = [HOME]) =>
    new Reconciler({
      store,
      provisioner: iam,
      accountIds: () => accountIds,
      logger,
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
  });

  it('carries on with other accounts when one fails', async () => {
    const stray = {
      roleName: 'stray',
      path: '/backstage-access/',
      grantId: 'gone',
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
});
