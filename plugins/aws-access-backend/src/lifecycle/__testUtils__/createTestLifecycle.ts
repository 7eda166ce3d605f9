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

import { LoggerService } from '@backstage/backend-plugin-api';
import { GrantStore } from '../../database/types';
import { GrantEventBus } from '../GrantEventBus';
import { GrantLifecycle } from '../GrantLifecycle';

/**
 * The lifecycle and event bus of one backend process, wired as
 * `createAwsAccessServices` wires them, for tests that build an engine or
 * a reconciler by hand. Call it once per simulated replica.
 */
export function createTestLifecycle(
  store: GrantStore,
  logger?: LoggerService,
): { lifecycle: GrantLifecycle; events: GrantEventBus } {
  const events = new GrantEventBus(logger);
  return { lifecycle: new GrantLifecycle({ store, events }), events };
}
