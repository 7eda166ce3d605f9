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

import { useEffect, useRef, useState } from 'react';
import { apiErrorMessage } from '../lib/errors';

/** The part of a zod schema the preview needs: parse or say no. */
interface RequestParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/**
 * What a request would create, kept in step with a form: once the form's
 * own schema accepts `bodyKey` (the request as JSON), and 300 ms after the
 * last change, it asks `fetchPreview`; answers to older requests are
 * dropped. `quiet` errors (e.g. a duplicate request, which the form words
 * itself) clear the preview without a message.
 */
export function useRequestPreview<T, P>(options: {
  schema: RequestParser<T>;
  bodyKey: string;
  fetchPreview?: (request: T) => Promise<P>;
  quiet?: (error: unknown) => boolean;
}): { preview?: P; error?: string; loading: boolean } {
  const { schema, bodyKey, fetchPreview } = options;
  const quiet = useRef(options.quiet);
  quiet.current = options.quiet;
  const [state, setState] = useState<{
    preview?: P;
    error?: string;
    loading: boolean;
  }>({ loading: false });

  useEffect(() => {
    const parsed = schema.safeParse(JSON.parse(bodyKey));
    if (!parsed.success || !fetchPreview) {
      setState({ loading: false });
      return undefined;
    }
    let current = true;
    const timer = setTimeout(async () => {
      setState(prev => ({ ...prev, loading: true }));
      try {
        const preview = await fetchPreview(parsed.data);
        if (current) setState({ preview, loading: false });
      } catch (e) {
        if (current) {
          setState({
            loading: false,
            error: quiet.current?.(e) ? undefined : apiErrorMessage(e),
          });
        }
      }
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [schema, bodyKey, fetchPreview]);

  return state;
}
