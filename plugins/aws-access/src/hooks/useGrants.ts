import { useApi } from '@backstage/core-plugin-api';
import type {
  Grant,
  ListGrantsQuery,
  ListResponse,
} from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../api';
import { nextGrantRefreshMs } from './grantRefresh';
import { LiveResource, useLiveResource } from './useLiveResource';

/** Grants matching a query, kept current while any of them is changing. */
export function useGrants(
  query: ListGrantsQuery,
): LiveResource<ListResponse<Grant>> {
  const api = useApi(awsAccessApiRef);
  const key = JSON.stringify(query);
  return useLiveResource(
    () => api.listGrants(query),
    [api, key],
    value => nextGrantRefreshMs(value.items),
  );
}
