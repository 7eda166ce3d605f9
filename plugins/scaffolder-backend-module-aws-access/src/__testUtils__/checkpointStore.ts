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

import { JsonValue } from '@backstage/types';

/**
 * Checkpoints that outlive one run of an action, as the scaffolder keeps them
 * in the task state: a successful checkpoint's value is returned on the next
 * run instead of calling `fn` again, a failed one runs again. Pass the same
 * store to two handler runs to test a retried task.
 */
export function createCheckpointStore() {
  const values = new Map<string, JsonValue>();
  const calls: string[] = [];
  return {
    values,
    /** Keys whose `fn` actually ran, in order. */
    calls,
    async checkpoint<T extends JsonValue | void>(opts: {
      key: string;
      fn: () => Promise<T> | T;
    }): Promise<T> {
      if (values.has(opts.key)) {
        return values.get(opts.key) as T;
      }
      calls.push(opts.key);
      const value = await opts.fn();
      values.set(opts.key, (value ?? {}) as JsonValue);
      return value;
    },
  };
}
