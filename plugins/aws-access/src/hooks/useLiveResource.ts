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
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
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
  const [state, setState] = useState<{
    value?: T;
    loading: boolean;
    error?: Error;
  }>({ loading: true });
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const nextRefreshRef = useRef(nextRefreshMs);
  nextRefreshRef.current = nextRefreshMs;
  // Answers to superseded requests are dropped, so a slow poll never
  // overwrites the result of a newer filter.
  const generation = useRef(0);

  const load = useCallback(async (reset: boolean) => {
    const current = ++generation.current;
    if (reset) {
      setState({ loading: true });
    }
    try {
      const value = await fetcherRef.current();
      if (current === generation.current) {
        setState({ value, loading: false });
      }
    } catch (error) {
      if (current === generation.current) {
        setState(prev => ({
          value: reset ? undefined : prev.value,
          loading: false,
          error: error as Error,
        }));
      }
    }
  }, []);

  useEffect(() => {
    load(true);
    // The caller lists what the fetcher depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => {
    if (state.value === undefined) {
      return undefined;
    }
    const delay = nextRefreshRef.current(state.value);
    if (delay === undefined) {
      return undefined;
    }
    const timer = setTimeout(() => load(false), delay);
    return () => clearTimeout(timer);
  }, [state.value, load]);

  const { lastSignal } = useSignal(GRANT_SIGNAL_CHANNEL);
  useEffect(() => {
    if (lastSignal) {
      load(false);
    }
  }, [lastSignal, load]);

  const refresh = useCallback(() => {
    load(false);
  }, [load]);

  return { ...state, refresh };
}
