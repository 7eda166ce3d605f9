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

import { Config } from '@backstage/config';

/**
 * Reads a whole number of at least one (a limit, a count, minutes) from
 * `config`, or `fallback` when it is not set. `section` names where
 * `config` sits in the app config (e.g. `awsAccess.limits`), so that the
 * error says which key to fix and the backend refuses to start.
 *
 * @public
 */
export function readPositiveInteger(
  config: Config | undefined,
  section: string,
  key: string,
  fallback: number,
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${section}.${key} must be a positive integer`);
  }
  return value;
}
