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

import { createHash } from 'node:crypto';

/**
 * The checkpoint key of one request: a retried task that makes the same
 * request finds the first attempt's result, while a different request (e.g.
 * another iteration of a step with `each`) gets a key of its own.
 */
export function checkpointKey(kind: string, request: object): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(request))
    .digest('hex')
    .slice(0, 16);
  return `aws-access.${kind}.${digest}`;
}
