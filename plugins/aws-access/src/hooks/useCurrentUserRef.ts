import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/** Entity ref of the signed-in user, e.g. `user:default/guest`. */
export function useCurrentUserRef() {
  const identityApi = useApi(identityApiRef);
  return useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
}
