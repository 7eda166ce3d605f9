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
