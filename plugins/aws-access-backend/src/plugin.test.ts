import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { awsAccessPlugin } from './plugin';

const config = {
  awsAccess: {
    // Nothing discovers here: no wait for a first discovery.
    catalog: { enabled: false },
    accounts: [
      { accountId: '123456789012', name: 'home', regions: ['us-east-1'] },
    ],
  },
};

describe('awsAccessPlugin', () => {
  it('answers /health to callers without any credentials, and nothing else', async () => {
    const { server } = await startTestBackend({
      features: [
        awsAccessPlugin,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({ data: config }),
        // A request without a token is nobody, not the default test user.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });

    const health = await request(server).get('/api/aws-access/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });

    const accounts = await request(server).get('/api/aws-access/accounts');
    expect(accounts.status).toBe(401);
    const grants = await request(server).get('/api/aws-access/grants');
    expect(grants.status).toBe(401);
  });

  it('serves the API with the engine wired in', async () => {
    const { server } = await startTestBackend({
      features: [
        awsAccessPlugin,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({ data: config }),
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
