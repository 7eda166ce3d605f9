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

import { discoveryApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DemoSignInPage } from './DemoSignInPage';
import { readSignInChoice } from './demoSignInChoice';

/** A Backstage-shaped token: only its expiry is read by the frontend. */
const token = `x.${Buffer.from(
  JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 }),
).toString('base64url')}.x`;

function session(userName: string) {
  return {
    profile: { displayName: userName },
    backstageIdentity: {
      token,
      identity: {
        type: 'user',
        userEntityRef: `user:default/${userName}`,
        ownershipEntityRefs: [`user:default/${userName}`],
      },
    },
  };
}

describe('DemoSignInPage', () => {
  const fetchMock = jest.fn();
  const apis = [
    [discoveryApiRef, mockApis.discovery({ baseUrl: 'http://backend' })],
  ] as const;

  beforeEach(() => {
    localStorage.clear();
    fetchMock.mockReset();
    global.fetch = fetchMock;
  });

  function answerAs(userName: string) {
    fetchMock.mockResolvedValue({
      ok: true,
      json: async () => session(userName),
    });
  }

  /** Renders the page; what it hands on a sign-in is the returned mock. */
  async function renderPage() {
    const onSignInSuccess = jest.fn();
    await renderInTestApp(
      <DemoSignInPage onSignInSuccess={onSignInSuccess} />,
      { apis },
    );
    return onSignInSuccess;
  }

  it('signs in as the picked demo user through the demo provider', async () => {
    answerAs('alice');
    const onSignInSuccess = await renderPage();

    expect(screen.getByText('Alice Admin (alice)')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in as alice' }));

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://backend/api/auth/demo/refresh');
    expect(new Headers(init.headers).get('x-demo-user')).toBe('alice');

    const identity = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getBackstageIdentity()).resolves.toMatchObject({
      userEntityRef: 'user:default/alice',
    });
    expect(readSignInChoice()).toEqual({ provider: 'demo', userName: 'alice' });

    // Signing out forgets the choice, so the next load asks again.
    await identity.signOut();
    expect(readSignInChoice()).toBeUndefined();
  });

  it('offers the guest provider behind an Enter button', async () => {
    answerAs('guest');
    const onSignInSuccess = await renderPage();

    fireEvent.click(screen.getByRole('button', { name: 'Enter' }));

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(fetchMock.mock.calls[0][0]).toBe(
      'http://backend/api/auth/guest/refresh',
    );
    expect(readSignInChoice()).toEqual({ provider: 'guest' });
  });

  it('signs in again without asking after a reload', async () => {
    localStorage.setItem(
      'aws-access-demo:sign-in',
      JSON.stringify({ provider: 'demo', userName: 'bob' }),
    );
    answerAs('bob');
    const onSignInSuccess = await renderPage();

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('button', { name: 'Enter' })).toBeNull();
  });

  it('shows why a sign-in failed and goes back to the picker', async () => {
    fetchMock.mockResolvedValue({
      ok: false,
      status: 404,
      statusText: 'Not Found',
      headers: new Headers({ 'content-type': 'text/plain' }),
      text: async () => 'No user entity named mallory',
    });
    const onSignInSuccess = await renderPage();

    fireEvent.click(screen.getByRole('button', { name: 'Sign in as bob' }));
    fireEvent.click(
      await screen.findByRole('button', { name: 'Back to sign-in' }),
    );

    expect(
      screen.getByRole('button', { name: 'Sign in as bob' }),
    ).toBeInTheDocument();
    expect(onSignInSuccess).not.toHaveBeenCalled();
    expect(readSignInChoice()).toBeUndefined();
  });
});
