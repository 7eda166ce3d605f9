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

/** Nearest-rank percentile of `values` (any order); NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) {
    return NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Milliseconds as a short human figure: `12.3 ms` or `4.56 s`. */
export function formatMs(ms: number): string {
  if (Number.isNaN(ms)) {
    return 'n/a';
  }
  return Math.abs(ms) >= 1000
    ? `${(ms / 1000).toFixed(2)} s`
    : `${ms.toFixed(1)} ms`;
}

/** `p50 … p95 … p99 … max …` for a list of milliseconds. */
export function summarize(values: number[], ps = [50, 95, 99]): string {
  const parts = ps.map(p => `p${p} ${formatMs(percentile(values, p))}`);
  parts.push(`max ${formatMs(Math.max(...values))}`);
  return parts.join(', ');
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping order. */
export async function mapConcurrent<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}
