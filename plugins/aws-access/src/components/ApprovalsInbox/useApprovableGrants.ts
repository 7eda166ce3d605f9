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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  grantApprovePermission,
  type Grant,
} from '@backstage-aws-access/plugin-aws-access-common';
import useAsync from 'react-use/esm/useAsync';
import { isSameEntityRef } from '../../lib/entityRefs';

/** Whether `userRef` already gave one of the approvals a grant needs. */
export function hasApproved(grant: Grant, userRef: string | undefined) {
  return (grant.approvals ?? []).some(approval =>
    isSameEntityRef(approval.approver, userRef),
  );
}

/**
 * The grants among `grants` that `userRef` may approve: not their own, and
 * allowed by the permission framework (`aws-access.grant.approve` on that
 * grant), and not approved by them already. Decided for the whole list before anything is shown, so the inbox
 * knows whether anything waits for the user at all. The backend has the last
 * word and refuses approvals that do not count.
 */
export function useApprovableGrants(
  grants: Grant[] | undefined,
  userRef: string | undefined,
): { value?: Grant[]; loading: boolean; error?: Error } {
  const permissionApi = useApi(permissionApiRef);
  const candidates = (grants ?? []).filter(
    grant =>
      !isSameEntityRef(grant.requester, userRef) &&
      !hasApproved(grant, userRef),
  );
  const key = candidates.map(grant => grant.id).join(',');

  const allowed = useAsync(async () => {
    if (!grants || !userRef) {
      return undefined;
    }
    const decisions = await Promise.all(
      candidates.map(grant =>
        permissionApi.authorize({
          permission: grantApprovePermission,
          resourceRef: grant.id,
        }),
      ),
    );
    return new Set(
      candidates
        .filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW)
        .map(grant => grant.id),
    );
    // `key` stands for the candidates; the grant objects change on every poll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [permissionApi, key, Boolean(grants), userRef]);

  if (allowed.error) {
    return { loading: false, error: allowed.error };
  }
  if (!allowed.value) {
    return { loading: true };
  }
  // The latest grant objects, filtered by the last decisions: a refreshed
  // list shows its new contents while newcomers are being authorized.
  const ids = allowed.value;
  return {
    value: candidates.filter(grant => ids.has(grant.id)),
    loading: allowed.loading,
  };
}
