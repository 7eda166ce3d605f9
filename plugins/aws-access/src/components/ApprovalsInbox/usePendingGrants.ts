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
