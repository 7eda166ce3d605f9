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

import { ReactNode } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { useGrants } from '../../hooks';
import { LIVE_GRANT_STATES } from '../../lib/grantStates';

/** What {@link LiveGrants} hands its children once there are grants to show. */
export interface LiveGrantsView {
  grants: Grant[];
  refresh: () => void;
  /** A failed refresh while earlier results are still shown. */
  error?: Error;
}

/**
 * The live grants (pending, provisioning, active, revoking) on one resource,
 * kept current, with the loading, error and empty states every entity view
 * of them shares; `children` draws the grants themselves.
 */
export function LiveGrants(props: {
  resourceArn: string;
  empty: ReactNode;
  children: (view: LiveGrantsView) => ReactNode;
}) {
  const grants = useGrants({
    resourceArn: props.resourceArn,
    state: [...LIVE_GRANT_STATES],
  });
  if (grants.loading) {
    return <Progress />;
  }
  if (grants.error && !grants.value) {
    return <ResponseErrorPanel error={grants.error} />;
  }
  const items = grants.value?.items ?? [];
  if (items.length === 0) {
    return <>{props.empty}</>;
  }
  return (
    <>
      {props.children({
        grants: items,
        refresh: grants.refresh,
        error: grants.error,
      })}
    </>
  );
}
