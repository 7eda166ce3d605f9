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

import { DependencyList, useEffect, useMemo, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { useSignal } from '@backstage/plugin-signals-react';
import { GRANT_SIGNAL_CHANNEL } from '@backstage-aws-access/plugin-aws-access-common';

export interface LiveResource<T> {
  value?: T;
  /** True only for the first load after the inputs change. */
  loading: boolean;
  error?: Error;
  /** Fetches again without blanking what is shown. */
  refresh: () => void;
}

/**
 * Loads a value and keeps it fresh: again whenever a grant signal arrives
 * (when the signals plugin is installed), and after `nextRefreshMs(value)`
 * milliseconds when that returns a number, which is how grants in motion
 * (provisioning, revoking) are polled until they settle.
 */
export function useLiveResource<T>(
  fetcher: () => Promise<T>,
  deps: DependencyList,
  nextRefreshMs: (value: T) => number | undefined,
): LiveResource<T> {
  // A new object whenever the inputs change: what a value was loaded for.
  // The caller lists what the fetcher depends on.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const inputs = useMemo(() => ({}), deps);
  const state = useAsyncRetry(
    async () => ({ inputs, value: await fetcher() }),
    [inputs],
  );
  // A failed refresh keeps what was shown; new inputs never show the old
  // inputs' value. (useAsyncRetry drops superseded answers itself.)
  const shown = useRef<{ inputs: object; value: T }>();
  if (state.value?.inputs === inputs) {
    shown.current = state.value;
  }
  const value =
    shown.current?.inputs === inputs ? shown.current.value : undefined;

  // A signal or refresh during a load asks again once it is done: the load
  // under way may have been answered before the change.
  const [wanted, setWanted] = useState(0);
  const { retry, loading } = state;
  useEffect(() => {
    if (wanted > 0 && !loading) {
      setWanted(0);
      retry();
    }
  }, [wanted, loading, retry]);
  const refresh = useRef(() => setWanted(n => n + 1)).current;

  const { lastSignal } = useSignal(GRANT_SIGNAL_CHANNEL);
  useEffect(() => {
    if (lastSignal) {
      refresh();
    }
  }, [lastSignal, refresh]);

  const delay =
    value === undefined || loading ? undefined : nextRefreshMs(value);
  useInterval(refresh, delay ?? null);

  return {
    value,
    loading: loading && value === undefined,
    error: state.error,
    refresh,
  };
}
