import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { awsAccessPlugin } from './plugin';

describe('awsAccessPlugin', () => {
  it('serves the API with the engine wired in', async () => {
    const { server } = await startTestBackend({
      features: [
        awsAccessPlugin,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            awsAccess: {
              // Nothing discovers here: no wait for a first discovery.
              catalog: { enabled: false },
              accounts: [
                {
                  accountId: '123456789012',
                  name: 'home',
                  regions: ['us-east-1'],
                },
              ],
            },
          },
        }),
      ],
    });

    const health = await request(server).get('/api/aws-access/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });

    const unauthenticated = await request(server)
      .get('/api/aws-access/accounts')
      .set('authorization', 'Bearer nope');
    expect(unauthenticated.status).toBe(401);

    const accounts = await request(server).get('/api/aws-access/accounts');
    expect(accounts.body.items).toEqual([
      {
        accountId: '123456789012',
        name: 'home',
        regions: ['us-east-1'],
        // The connection check runs on a schedule, after start.
        status: 'unknown',
        updateAvailable: false,
      },
    ]);

    const grants = await request(server).get('/api/aws-access/grants');
    expect(grants.body).toEqual({ items: [] });

    const bad = await request(server)
      .post('/api/aws-access/grants')
      .send({ resourceArn: 'nope' });
    expect(bad.status).toBe(400);
  });
});
