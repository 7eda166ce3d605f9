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
  aliceGrant,
  postByAlice,
  useActionOnFakeApi,
} from '../__testUtils__/fixtures';
import { createAwsAccessExtendAction } from './extendAccess';

describe('aws:access:extend', () => {
  const { fakeApi, setup } = useActionOnFakeApi(createAwsAccessExtendAction, [
    aliceGrant,
  ]);

  it('extends on behalf of the user and reports the new expiry', async () => {
    const { run } = setup();

    const output = await run({
      grantId: 'grant-1',
      durationMinutes: 120,
      reason: 'migration runs long',
    });

    expect(fakeApi.requests).toEqual([
      postByAlice('/grants/grant-1/extend', {
        durationMinutes: 120,
        reason: 'migration runs long',
      }),
    ]);
    expect(output).toHaveBeenCalledWith(
      'expiresAt',
      '2030-01-01T03:00:00.000Z',
    );
    expect(output).toHaveBeenCalledWith('state', 'active');
  });

  it.each([
    ['a fractional duration', { grantId: 'grant-1', durationMinutes: 1.5 }],
    ['no duration', { grantId: 'grant-1' }],
    ['a blank reason', { grantId: 'grant-1', durationMinutes: 5, reason: ' ' }],
  ])('refuses %s before calling the API', async (_, input) => {
    const { run } = setup();

    await expect(run(input)).rejects.toMatchObject({ name: 'InputError' });
    expect(fakeApi.requests).toEqual([]);
  });

  it('does not extend twice when a retried task runs the step again', async () => {
    const { run, checkpoints } = setup();
    const input = { grantId: 'grant-1', durationMinutes: 30 };

    const first = await run(input);
    const retried = await run(input);

    expect(fakeApi.requests).toHaveLength(1);
    expect(checkpoints.calls).toHaveLength(1);
    expect(first).toHaveBeenCalledWith('expiresAt', '2030-01-01T01:30:00.000Z');
    expect(retried).toHaveBeenCalledWith(
      'expiresAt',
      '2030-01-01T01:30:00.000Z',
    );
    expect(fakeApi.grants.get('grant-1')?.expiresAt).toBe(
      '2030-01-01T01:30:00.000Z',
    );
  });
});
