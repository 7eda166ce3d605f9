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

import { act, renderHook } from '@testing-library/react';
import { apiError } from '../__testUtils__';
import { useApiCall } from './useApiCall';

describe('useApiCall', () => {
  it('is busy while the call runs, and keeps no error when it succeeds', async () => {
    const { result } = renderHook(() => useApiCall());
    let finish: () => void = () => {};
    let running: Promise<void> = Promise.resolve();
    act(() => {
      running = result.current.run(
        () => new Promise<void>(resolve => (finish = resolve)),
      );
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      finish();
      await running;
    });
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBeUndefined();
  });

  it('keeps the API’s words when the call fails, until the next try', async () => {
    const { result } = renderHook(() => useApiCall());
    const refusal = await apiError(409, 'only an active grant can be extended');
    await act(() =>
      result.current.run(async () => {
        throw refusal;
      }),
    );
    expect(result.current.error).toBe('only an active grant can be extended');
    expect(result.current.busy).toBe(false);

    await act(() => result.current.run(async () => {}));
    expect(result.current.error).toBeUndefined();
  });
});
