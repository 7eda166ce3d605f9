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
import { createAwsAccessRevokeAction } from './revokeAccess';

describe('aws:access:revoke', () => {
  const { fakeApi, setup } = useActionOnFakeApi(createAwsAccessRevokeAction, [
    aliceGrant,
  ]);

  it('revokes on behalf of the user running the template', async () => {
    const { run } = setup();

    const output = await run({ grantId: 'grant-1', reason: 'incident closed' });

    expect(fakeApi.requests).toEqual([
      postByAlice('/grants/grant-1/revoke', { reason: 'incident closed' }),
    ]);
    expect(output).toHaveBeenCalledWith('state', 'revoking');
  });

  it('refuses input without a grant id before calling the API', async () => {
    const { run } = setup();
    await expect(run({ reason: 'done' })).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('grantId'),
    });
    expect(fakeApi.requests).toEqual([]);
  });

  it('revokes again when a retried task runs the step again, which the API takes as a no-op', async () => {
    const { run } = setup();
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
