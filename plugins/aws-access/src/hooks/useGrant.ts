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
