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
  decisionRequestSchema,
  extendGrantRequestSchema,
  revokeGrantRequestSchema,
} from '@backstage-aws-access/plugin-aws-access-common';
import { z } from 'zod';
import type { ChangeVerb } from '../permissions/changePermissions';
import type { Caller } from '../service/authorization';
import { parseInput } from '../service/parseInput';
import type { BundleService, BundleWithParts } from './BundleService';

/**
 * The schema of each change's body; its output is what the service's
 * method of that name takes.
 */
const bodies = {
  approve: decisionRequestSchema,
  reject: decisionRequestSchema,
  cancel: revokeGrantRequestSchema,
  revoke: revokeGrantRequestSchema,
  extend: extendGrantRequestSchema,
} satisfies {
  [Verb in ChangeVerb]: z.ZodType<Parameters<BundleService[Verb]>[1]>;
};

/**
 * Parses `body` with the change's schema, then makes the change for
 * `caller`: the one way in for the REST routes and the actions alike.
 */
export function changeBundle(
  bundles: BundleService,
  verb: ChangeVerb,
  id: string,
  body: unknown,
  caller: Caller,
): Promise<BundleWithParts> {
  const input = parseInput(bodies[verb], body);
  // The `satisfies` above ties each schema to its method's input, which
  // TypeScript cannot follow through a call by a computed name.
  const change = bundles[verb] as (
    id: string,
    input: unknown,
    caller: Caller,
  ) => Promise<BundleWithParts>;
  return change.call(bundles, id, input, caller);
}
