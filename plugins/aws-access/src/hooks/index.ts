export { useNow } from './useNow';
export { useLiveResource, type LiveResource } from './useLiveResource';
export { useGrants } from './useGrants';
export { useGrant } from './useGrant';
export { useActions } from './useActions';
export { useCurrentUserRef } from './useCurrentUserRef';
export { nextGrantRefreshMs, GRANT_POLL_INTERVAL_MS } from './grantRefresh';
export { useElementId } from './useElementId';
export { useGrantDetailsLink } from './useGrantDetailsLink';
