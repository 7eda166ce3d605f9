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
import {
  GRANT_LIMITS,
  type Grant,
  type ListResponse,
} from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import { nextGrantRefreshMs } from '../../hooks/grantRefresh';
import { LiveResource, useLiveResource } from '../../hooks/useLiveResource';

/**
 * Enough pages for any real inbox; a runaway cursor cannot loop forever.
 * At the API's largest page that is 10,000 requests.
 */
const MAX_PAGES = 20;

/**
 * Every pending grant the user may read, through all pages: one user filing
 * many requests must not push another's off the end of the inbox.
 */
export function usePendingGrants(): LiveResource<ListResponse<Grant>> {
  const api = useApi(awsAccessApiRef);
  return useLiveResource(
    async () => {
      const items: Grant[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await api.listGrants({
          state: ['pending'],
          limit: GRANT_LIMITS.maxListLimit,
          ...(cursor ? { cursor } : {}),
        });
        items.push(...answer.items);
        cursor = answer.nextCursor;
        if (!cursor) break;
      }
      return { items, ...(cursor ? { nextCursor: cursor } : {}) };
    },
    [api],
    value => nextGrantRefreshMs(value.items),
  );
}
