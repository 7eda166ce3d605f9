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

import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * Reads a duration setting (`{ hours: 24 }`, `'15m'`, ISO `PT15M`) as the
 * whole minutes the engine counts in, or `fallback` when it is absent.
 * Throws, naming the setting, on a value below `min` or not in whole
 * minutes, and on `replaces`, the minute-number setting it took over from,
 * so that an old configuration fails at start rather than being ignored.
 */
export function readMinutes(
  root: Config,
  options: {
    /** Where the setting sits, e.g. `awsAccess.approval`. */
    section: string;
    key: string;
    fallback: number;
    min: number;
    replaces: string;
  },
): number {
  const { section, key, fallback, min, replaces } = options;
  const config = root.getOptionalConfig(section);
  const path = `${section}.${key}`;
  if (config?.has(replaces)) {
    throw new Error(
      `${section}.${replaces} is replaced by ${path}, a duration such as { minutes: 30 } or '30m'`,
    );
  }
  if (!config?.has(key)) return fallback;
  let ms: number;
  try {
    ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (error) {
    // Backstage's message names the key alone, not where it sits.
    throw new Error(`${path}: ${(error as Error).message}`);
  }
  const minutes = ms / 60_000;
  if (!Number.isInteger(minutes) || minutes < min) {
    throw new Error(
      `${path} must be whole minutes, at least ${min} minute${
        min === 1 ? '' : 's'
      }`,
    );
  }
  return minutes;
}
