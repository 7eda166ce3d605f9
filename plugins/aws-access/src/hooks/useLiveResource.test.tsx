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

import { act, renderHook, waitFor } from '@testing-library/react';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import type { ReactNode } from 'react';
import { useLiveResource } from './useLiveResource';

/** A fetcher whose first answer the test holds back; the next is `then`. */
function holdingBackFirst(then: string) {
  let releaseFirst: (value: string) => void = () => {};
  const first = new Promise<string>(resolve => {
    releaseFirst = resolve;
  });
  const fetcher = jest
    .fn()
    .mockReturnValueOnce(first)
    .mockResolvedValueOnce(then);
  return { fetcher, releaseFirst };
}

describe('useLiveResource', () => {
  let deliver: () => void;
  const signals: SignalApi = {
    subscribe: (_channel, onMessage) => {
      deliver = () => onMessage({ grantId: 'g1', type: 'revoked' } as any);
      return { unsubscribe: () => {} };
    },
  };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[signalApiRef, signals]]}>
      {children}
    </TestApiProvider>
  );

  it('polls while the value is in motion and stops once it has settled', async () => {
    const fetcher = jest
      .fn()
      .mockResolvedValueOnce('provisioning')
      .mockResolvedValueOnce('provisioning')
      .mockResolvedValue('active');
    const { result } = renderHook(
      () =>
        useLiveResource(fetcher, [], (state: string) =>
          state === 'active' ? undefined : 5,
        ),
      { wrapper },
    );
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.value).toBe('active'), {
      timeout: 5000,
    });
    expect(result.current.loading).toBe(false);
    await new Promise(r => setTimeout(r, 50));
    expect(fetcher).toHaveBeenCalledTimes(3);
  });

  it('keeps what it showed when a refresh fails, and shows nothing old for new inputs', async () => {
    const fetcher = jest
      .fn()
      .mockResolvedValueOnce('first')
      .mockRejectedValueOnce(new Error('network down'));
    const { result, rerender } = renderHook(
      ({ id }) => useLiveResource(fetcher, [id], () => undefined),
      { wrapper, initialProps: { id: 'a' } },
    );
    await waitFor(() => expect(result.current.value).toBe('first'));

    act(() => result.current.refresh());
    await waitFor(() =>
      expect(result.current.error?.message).toBe('network down'),
    );
    expect(result.current.value).toBe('first');
    expect(result.current.loading).toBe(false);

    fetcher.mockReturnValue(new Promise(() => {}));
    rerender({ id: 'b' });
    expect(result.current.value).toBeUndefined();
    expect(result.current.loading).toBe(true);
  });

  it('never shows a slow answer for inputs that have changed since', async () => {
    const { fetcher, releaseFirst } = holdingBackFirst('for b');
    const { result, rerender } = renderHook(
      ({ id }) => useLiveResource(fetcher, [id], () => undefined),
      { wrapper, initialProps: { id: 'a' } },
    );
    rerender({ id: 'b' });
    await waitFor(() => expect(result.current.value).toBe('for b'));
    await act(async () => releaseFirst('for a'));
    expect(result.current.value).toBe('for b');
  });

  it('asks again when a signal arrives while a load is under way', async () => {
    const { fetcher, releaseFirst } = holdingBackFirst('after the change');
    const { result } = renderHook(
      () => useLiveResource(fetcher, [], () => undefined),
      { wrapper },
    );
    // The change lands while the first answer, read before it, is on its way.
    act(() => deliver());
    await act(async () => releaseFirst('before the change'));
    await waitFor(() => expect(result.current.value).toBe('after the change'));
    expect(fetcher).toHaveBeenCalledTimes(2);
  });
});
