import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { AwsAccessClient } from 'backstage-plugin-aws-access-common';
import {
  FakeAwsAccessApi,
  startFakeAwsAccessApi,
} from '../testUtils/fakeAwsAccessApi';
import { createAwsAccessRevokeAction } from './revokeAccess';

const alice = mockCredentials.user('user:default/alice');

describe('aws:access:revoke', () => {
  let fakeApi: FakeAwsAccessApi;

  beforeAll(async () => {
    fakeApi = await startFakeAwsAccessApi();
  });
  afterAll(() => fakeApi.close());
  beforeEach(() => {
    fakeApi.reset();
    fakeApi.grants.set('grant-1', {
      id: 'grant-1',
      state: 'active',
      requester: 'user:default/alice',
      resourceArn: 'arn:aws:s3:::orders',
      resourceType: 's3:bucket',
      accountId: '210987654321',
      region: '',
      actions: ['s3:GetObject'],
      reason: 'debug',
      durationMinutes: 60,
      createdAt: '2030-01-01T00:00:00.000Z',
      expiresAt: '2030-01-01T01:00:00.000Z',
    });
  });

  const action = () =>
    createAwsAccessRevokeAction({
      api: new AwsAccessClient({ discoveryApi: fakeApi.discovery }),
      auth: mockServices.auth(),
    });
  const run = async (input: JsonObject) => {
    const ctx = {
      ...createMockActionContext({ input }),
      getInitiatorCredentials: async () => alice,
    };
    await action().handler(ctx as any);
    return ctx.output;
  };

  it('revokes on behalf of the user running the template', async () => {
    const output = await run({ grantId: 'grant-1', reason: 'incident closed' });

    expect(fakeApi.requests).toEqual([
      {
        method: 'POST',
        path: '/grants/grant-1/revoke',
        authorization: mockCredentials.service.header({
          onBehalfOf: alice,
          targetPluginId: 'aws-access',
        }),
        body: { reason: 'incident closed' },
      },
    ]);
    expect(output).toHaveBeenCalledWith('state', 'revoking');
  });

  it('refuses input without a grant id before calling the API', async () => {
    await expect(run({ reason: 'done' })).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('grantId'),
    });
    expect(fakeApi.requests).toEqual([]);
  });

  it('passes on the API’s reason when the user may not revoke', async () => {
    fakeApi.failNext({
      status: 403,
      name: 'NotAllowedError',
      message: 'only the requester or an admin may revoke grant grant-1',
    });

    await expect(run({ grantId: 'grant-1' })).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'Could not revoke grant grant-1: only the requester or an admin may revoke grant grant-1',
    });
  });

  it('revokes again when a retried task runs the step again, which the API takes as a no-op', async () => {
    fakeApi.failNext(
      { status: 503, name: 'Error', message: 'unavailable' },
      /\/revoke$/,
    );
    await expect(run({ grantId: 'grant-1' })).rejects.toThrow('unavailable');

    const output = await run({ grantId: 'grant-1' });

    expect(output).toHaveBeenCalledWith('state', 'revoking');
    expect(fakeApi.grants.get('grant-1')?.state).toBe('revoking');
  });
});
