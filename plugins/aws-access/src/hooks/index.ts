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

export { useNow } from './useNow';
export { useLiveResource, type LiveResource } from './useLiveResource';
export { useGrants } from './useGrants';
export { useGrant } from './useGrant';
export { useActions } from './useActions';
export { useCurrentUserRef } from './useCurrentUserRef';
export { nextGrantRefreshMs, GRANT_POLL_INTERVAL_MS } from './grantRefresh';
export { useElementId } from './useElementId';
export { useGrantDetailsLink } from './useGrantDetailsLink';
export { useRequestPreview } from './useRequestPreview';
export { useBundle } from './useBundle';
export { useApiCall, type ApiCall } from './useApiCall';
export { useAccountLabel } from './useAccountLabel';
