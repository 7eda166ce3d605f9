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
import { GRANT_SIGNAL_CHANNEL } from '@backstage-aws-access/plugin-aws-access-common';
import type { ReactNode } from 'react';
import { givenGrant, withEvents } from '../__testUtils__';
import { awsAccessApiRef } from '../api';
import { useGrant } from './useGrant';

describe('useGrant with signals', () => {
  it('asks the API again when a signal names a change, and shows what the API says', async () => {
    const { api, grant: active } = givenGrant({ id: 'g1', state: 'active' });
    let deliver: (message: any) => void = () => {};
    const signals: SignalApi = {
      subscribe: (channel, onMessage) => {
        expect(channel).toBe(GRANT_SIGNAL_CHANNEL);
        deliver = onMessage;
        return { unsubscribe: () => {} };
      },
    };
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider
        apis={[
          [awsAccessApiRef, api],
          [signalApiRef, signals],
        ]}
      >
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(() => useGrant('g1'), { wrapper });
    await waitFor(() => expect(result.current.value?.state).toBe('active'));

    api.getGrant.mockResolvedValueOnce(
      withEvents({ ...active, state: 'revoked' }),
    );
    // All a signal carries: which grant, and what happened to it.
    act(() => deliver({ grantId: 'g1', type: 'revoked' }));

    await waitFor(() => expect(result.current.value?.state).toBe('revoked'));
    expect(api.getGrant).toHaveBeenCalledTimes(2);
  });
});
