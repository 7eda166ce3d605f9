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

import type { AwsCredentialIdentity } from '@aws-sdk/types';
import {
  REFRESH_MARGIN_MS,
  sharedCredentialProvider,
} from './sharedCredentialProvider';

const HOUR = 60 * 60_000;

/** Stands in for `sts:AssumeRole`: new keys on every call, valid for an hour. */
function assumeRole() {
  let calls = 0;
  const provider = jest.fn(async (): Promise<AwsCredentialIdentity> => {
    calls += 1;
    return {
      accessKeyId: `ASIA${calls}`,
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: new Date(Date.now() + HOUR),
    };
  });
  return provider;
}

describe('sharedCredentialProvider', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-23T10:00:00Z') });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('gives every caller, concurrent or later, the credentials of one lookup', async () => {
    const assume = assumeRole();
    const shared = sharedCredentialProvider(assume);

    const concurrent = await Promise.all([shared(), shared(), shared()]);
    jest.advanceTimersByTime(HOUR - REFRESH_MARGIN_MS - 1000);
    const later = await shared();

    expect(assume).toHaveBeenCalledTimes(1);
    expect(
      [...concurrent, later].map(credentials => credentials.accessKeyId),
    ).toEqual(['ASIA1', 'ASIA1', 'ASIA1', 'ASIA1']);
  });

  it('looks the credentials up again shortly before they expire', async () => {
    const assume = assumeRole();
    const shared = sharedCredentialProvider(assume);

    await shared();
    jest.advanceTimersByTime(HOUR - REFRESH_MARGIN_MS + 1000);
    const [first, second] = await Promise.all([shared(), shared()]);

    expect(assume).toHaveBeenCalledTimes(2);
    expect(first.accessKeyId).toBe('ASIA2');
    expect(second.accessKeyId).toBe('ASIA2');
  });

  it('looks them up again when a client asks for a forced refresh', async () => {
    const assume = assumeRole();
    const shared = sharedCredentialProvider(assume);

    await shared();
    await expect(shared({ forceRefresh: true })).resolves.toMatchObject({
      accessKeyId: 'ASIA2',
    });
    await expect(shared()).resolves.toMatchObject({ accessKeyId: 'ASIA2' });
  });

  it('keeps credentials without an expiry for ever', async () => {
    const fixed = jest.fn(async () => ({
      accessKeyId: 'AKIA',
      secretAccessKey: 'secret',
    }));
    const shared = sharedCredentialProvider(fixed);

    await shared();
    jest.advanceTimersByTime(48 * HOUR);
    await shared();

    expect(fixed).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed lookup', async () => {
    const assume = assumeRole();
    assume.mockRejectedValueOnce(new Error('AccessDenied'));
    const shared = sharedCredentialProvider(assume);

    await expect(shared()).rejects.toThrow('AccessDenied');
    await expect(shared()).resolves.toMatchObject({ accessKeyId: 'ASIA1' });
    expect(assume).toHaveBeenCalledTimes(2);
  });

  it('passes the identity properties of the calling client to the provider', async () => {
    const assume = assumeRole();
    const shared = sharedCredentialProvider(assume);
    const properties = { callerClientConfig: { region: 'eu-west-1' } };

    await shared(properties);

    expect(assume).toHaveBeenCalledWith(properties);
  });
});
