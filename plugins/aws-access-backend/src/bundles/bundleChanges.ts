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

import { GrantChangeBody, GrantChangeVerb } from '../grantApi/grantRequests';
import type { Caller } from '../permissions/caller';
import type { BundleService, BundleWithParts } from './BundleService';

/**
 * Makes a change, its body already parsed, to the bundle as it was read
 * when the change was authorized, for `caller`: every change is the bundle
 * service's method of the same name.
 */
export function applyBundleChange<V extends GrantChangeVerb>(
  bundles: BundleService,
  verb: V,
  current: BundleWithParts,
  input: GrantChangeBody<V>,
  caller: Caller,
): Promise<BundleWithParts> {
  // TypeScript cannot follow a method called by a computed name.
  const change = bundles[verb] as (
    current: BundleWithParts,
    input: GrantChangeBody<V>,
    caller: Caller,
  ) => Promise<BundleWithParts>;
  return change.call(bundles, current, input, caller);
}
