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
