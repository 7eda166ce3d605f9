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

import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { useFakeAwsAccessApi } from '../__testUtils__/fakeAwsAccessApi';
import {
  actionOptions,
  activeGrant,
  alice,
  createActionRunner,
  ordersBucketEntity,
  postByAlice,
} from '../__testUtils__/fixtures';
import { createAwsAccessRequestAction } from './requestAccess';

const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

/** A valid request, as the tests below vary it. */
const ordersRequest = {
  resourceArn: 'arn:aws:s3:::orders',
  actions: ['s3:GetObject'],
  durationMinutes: 60,
  reason: 'debug',
};

describe('aws:access:request', () => {
  const fakeApi = useFakeAwsAccessApi();

  function setup() {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async ref =>
        [ordersBucketEntity, componentEntity].find(
          e =>
            `${e.kind.toLocaleLowerCase('en-US')}:default/${
              e.metadata.name
            }` === ref,
        ),
      ),
    });
    const action = createAwsAccessRequestAction({
      ...actionOptions(fakeApi),
      catalog,
      polling: { initialDelayMs: 5, maxDelayMs: 20 },
    });
    const logger = mockServices.logger.mock();
    return { ...createActionRunner(action, { logger }), catalog, logger };
  }

  it('requests access by ARN on behalf of the user and waits until it is active', async () => {
    const { run, logger } = setup();
    fakeApi.nextStates.push({ state: 'provisioning' }, activeGrant);

    const output = await run({
      resourceArn: 'arn:aws:s3:::orders',
      actions: ['s3:GetObject'],
      durationMinutes: 60,
      reason: 'debug exports',
    });

    const [create, ...polls] = fakeApi.requests;
    expect(create).toEqual(
      postByAlice('/grants', {
        resourceArn: 'arn:aws:s3:::orders',
        actions: ['s3:GetObject'],
        durationMinutes: 60,
        reason: 'debug exports',
      }),
    );
    expect(polls.map(p => `${p.method} ${p.path}`)).toEqual([
      'GET /grants/grant-1',
      'GET /grants/grant-1',
    ]);
    expect(polls.every(p => p.authorization === create.authorization)).toBe(
      true,
    );
    expect(output).toHaveBeenCalledWith('grantId', 'grant-1');
    expect(output).toHaveBeenCalledWith('state', 'active');
    expect(output).toHaveBeenCalledWith('roleArn', activeGrant.roleArn);
    expect(output).toHaveBeenCalledWith('signInUrl', activeGrant.signInUrl);
    expect(output).toHaveBeenCalledWith('expiresAt', activeGrant.expiresAt);
    expect(output).toHaveBeenCalledWith(
      'grantEntityRef',
      'resource:default/grant-grant-1',
    );
    expect(logger.info).toHaveBeenCalledWith(
      'Grant grant-1 is active until 2030-01-01T01:00:00.000Z',
    );
  });

  it('keeps the reason and the sign-in link out of the task log, which outlives the grant', async () => {
    const { run, logger } = setup();
    fakeApi.nextStates.push(activeGrant);

    await run({
      ...ordersRequest,
      reason: 'INC-4242 [click](https://evil.example)',
    });

    const logged = JSON.stringify([
      logger.info.mock.calls,
      logger.warn.mock.calls,
      logger.error.mock.calls,
    ]);
    expect(logged).not.toContain('INC-4242');
    expect(logged).not.toContain('evil.example');
    expect(logged).not.toContain('switchrole');
  });

  it('resolves an entity to its ARN and account with the user’s credentials', async () => {
    const { run, catalog } = setup();
    fakeApi.nextStates.push(activeGrant);

    await run({
      entityRef: 'resource:default/orders-bucket',
      actions: ['s3:ListBucket'],
      durationMinutes: 30,
      reason: 'audit',
    });

    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'resource:default/orders-bucket',
      { credentials: alice },
    );
    expect(fakeApi.requests[0].body).toEqual({
      resourceArn: 'arn:aws:s3:::orders',
      accountId: '210987654321',
      actions: ['s3:ListBucket'],
      durationMinutes: 30,
      reason: 'audit',
    });
  });

  it('ends at once without waiting when asked', async () => {
    const { run } = setup();

    const output = await run({
      ...ordersRequest,
      waitForActive: false,
    });

    expect(fakeApi.requests).toHaveLength(1);
    expect(output).toHaveBeenCalledWith('state', 'provisioning');
    expect(output).not.toHaveBeenCalledWith('roleArn', expect.anything());
    expect(output).not.toHaveBeenCalledWith(
      'grantEntityRef',
      expect.anything(),
    );
  });

  it.each([
    [
      'both resourceArn and entityRef',
      { resourceArn: 'arn:aws:s3:::orders', entityRef: 'resource:x' },
      'give exactly one of resourceArn or entityRef',
    ],
    ['neither resourceArn nor entityRef', {}, 'give exactly one'],
    [
      'no actions',
      { resourceArn: 'arn:aws:s3:::orders', actions: [] },
      'actions',
    ],
    [
      'a wait beyond the limit',
      { resourceArn: 'arn:aws:s3:::orders', timeoutSeconds: 601 },
      'timeoutSeconds',
    ],
    [
      'a duration given as text',
      { resourceArn: 'arn:aws:s3:::orders', durationMinutes: '60' },
      'durationMinutes',
    ],
    [
      'an unknown field',
      { resourceArn: 'arn:aws:s3:::orders', requester: 'user:default/bob' },
      'requester',
    ],
  ])('refuses %s before calling the API', async (_, override, message) => {
    const { run } = setup();
    const input = {
      actions: ['s3:GetObject'],
      durationMinutes: 60,
      reason: 'debug',
      ...override,
    };

    await expect(run(input)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
    expect(fakeApi.requests).toEqual([]);
  });

  it.each([
    [
      'an entity the user cannot see',
      'resource:default/missing',
      'NotFoundError',
      'no catalog entity resource:default/missing',
    ],
    [
      'an entity that is not an AWS resource',
      'component:default/web',
      'InputError',
      'has no aws.amazon.com/arn annotation',
    ],
    [
      'text that is no entity ref',
      'resource:default/',
      'InputError',
      'is not an entity reference',
    ],
  ])('refuses %s', async (_, entityRef, name, message) => {
    const { run } = setup();

    await expect(
      run({
        entityRef,
        actions: ['s3:GetObject'],
        durationMinutes: 60,
        reason: 'debug',
      }),
    ).rejects.toMatchObject({
      name,
      message: expect.stringContaining(message),
    });
    expect(fakeApi.requests).toEqual([]);
  });

  it('fails with the engine’s reason when the grant fails', async () => {
    const { run } = setup();
    fakeApi.nextStates.push({
      state: 'failed',
      lastError: 'AccessDenied: iam:CreateRole',
    });

    await expect(run(ordersRequest)).rejects.toThrow(
      'Grant grant-1 ended as failed without becoming active: AccessDenied: iam:CreateRole',
    );
  });

  it('gives up waiting after timeoutSeconds, leaving the request in place', async () => {
    const { run } = setup();
    fakeApi.nextStates.push({ state: 'pending' });
    const started = Date.now();

    await expect(
      run({
        ...ordersRequest,
        timeoutSeconds: 1,
      }),
    ).rejects.toThrow(
      'Grant grant-1 is still pending after 1 seconds; it was not cancelled and waits for approval',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(
      fakeApi.requests.filter(r => r.method !== 'GET').map(r => r.path),
    ).toEqual(['/grants']);
  });

  it('does not request twice when a retried task runs the step again', async () => {
    const { run, checkpoints } = setup();
    const input = ordersRequest;
    // The first attempt records the grant, then dies while waiting.
    fakeApi.failNext(
      { status: 503, name: 'Error', message: 'backend restarting' },
      /^\/grants\/grant-1$/,
    );
    await expect(run(input)).rejects.toThrow(
      'Could not read grant grant-1: backend restarting',
    );

    fakeApi.nextStates.push(activeGrant);
    const output = await run(input);

    expect(
      fakeApi.requests.filter(r => r.method === 'POST').map(r => r.path),
    ).toEqual(['/grants']);
    expect(checkpoints.calls).toHaveLength(1);
    expect(output).toHaveBeenCalledWith('grantId', 'grant-1');
    expect(output).toHaveBeenCalledWith('state', 'active');
  });

  it('requests again when the first attempt was refused', async () => {
    const { run } = setup();
    const input = {
      ...ordersRequest,
      waitForActive: false,
    };
    fakeApi.failNext({ status: 503, name: 'Error', message: 'unavailable' });
    await expect(run(input)).rejects.toThrow('unavailable');

    const output = await run(input);

    expect(fakeApi.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'POST /grants',
      'POST /grants',
    ]);
    expect(output).toHaveBeenCalledWith('grantId', 'grant-1');
  });
});
