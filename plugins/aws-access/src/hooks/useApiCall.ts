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

import { useCallback, useState } from 'react';
import { apiErrorMessage } from '../lib/errors';

/** What {@link useApiCall} gives a component. */
export interface ApiCall {
  /** True while a call runs; buttons that start one disable themselves. */
  busy: boolean;
  /** Why the last call failed, as the API worded it. */
  error?: string;
  setError: (error: string | undefined) => void;
  /** Runs `call`, clearing the last error first and keeping any new one. */
  run: (call: () => Promise<void>) => Promise<void>;
}

/**
 * A call the user starts with a button (offboard, export, review…): one
 * owner for the busy flag and for the API's words when it fails, so every
 * dialog and form reports a failure the same way.
 */
export function useApiCall(): ApiCall {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(async (call: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await call();
    } catch (e) {
      setError(apiErrorMessage(e));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
