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

import { useApi } from '@backstage/core-plugin-api';
import type { GrantWithEvents } from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../api';
import { nextGrantRefreshMs } from './grantRefresh';
import { LiveResource, useLiveResource } from './useLiveResource';

/** One grant with its history, kept current while it is changing. */
export function useGrant(id: string): LiveResource<GrantWithEvents> {
  const api = useApi(awsAccessApiRef);
  return useLiveResource(
    () => api.getGrant(id),
    [api, id],
    value => nextGrantRefreshMs([value]),
  );
}
