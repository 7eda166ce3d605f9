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

/** How long to wait before the next attempt at a delivery. */
export interface Backoff {
  /** The delay after the first failure. */
  baseMs: number;
  /** The delay never grows beyond this. */
  maxMs: number;
}

/**
 * Exponential backoff with "equal jitter": the ceiling doubles with every
 * failed attempt, and the delay is drawn from its upper half, so retries
 * never bunch up near zero and replicas that failed together do not retry
 * in lockstep.
 */
export function retryDelayMs(
  attempts: number,
  backoff: Backoff,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    backoff.maxMs,
    backoff.baseMs * 2 ** Math.max(0, attempts - 1),
  );
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
