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

import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { ANNOTATION_AWS_ARN } from '@backstage-aws-access/plugin-aws-access-common';
import { useGrants } from '../../hooks';
import { GrantsTable } from '../GrantsTable';
import { LiveGrants } from '../LiveGrants';
import { WithEntityAnnotation } from '../WithEntityAnnotation';
import { GrantExpiryCard } from './GrantExpiryCard';

const RECENTLY_ENDED_LIMIT = 10;

/**
 * Pending requests too: they show their approval progress and can be
 * cancelled here before they ever start counting down.
 */
function Countdowns(props: { resourceArn: string }) {
  return (
    <LiveGrants
      resourceArn={props.resourceArn}
      empty={
        <EmptyState
          missing="data"
          title="Nothing is about to expire"
          description="There is no active grant on this resource."
        />
      }
    >
      {({ grants, refresh }) => (
        <Grid container spacing={3}>
          {grants.map(grant => (
            <Grid item xs={12} key={grant.id}>
              <GrantExpiryCard grant={grant} onChange={refresh} />
            </Grid>
          ))}
        </Grid>
      )}
    </LiveGrants>
  );
}

function RecentlyEnded(props: { resourceArn: string }) {
  const grants = useGrants({
    resourceArn: props.resourceArn,
    state: ['expired', 'revoked'],
    limit: RECENTLY_ENDED_LIMIT,
  });
  if (grants.error && !grants.value) {
    return <ResponseErrorPanel error={grants.error} />;
  }
  return (
    <GrantsTable
      title="Recently ended"
      grants={grants.value?.items ?? []}
      loading={grants.loading}
      emptyContent={
        <EmptyState
          missing="data"
          title="No ended grants"
          description="Grants that expired or were revoked show up here."
        />
      }
    />
  );
}

/**
 * The "Expiry" tab: countdowns of the live grants on this resource, extend
 * and revoke, each grant's history, and the grants that ended recently.
 * Pending requests show how far their approval got.
 */
export function EntityExpiryContent() {
  return (
    <WithEntityAnnotation annotation={ANNOTATION_AWS_ARN}>
      {resourceArn => (
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <Countdowns resourceArn={resourceArn} />
          </Grid>
          <Grid item xs={12}>
            <RecentlyEnded resourceArn={resourceArn} />
          </Grid>
        </Grid>
      )}
    </WithEntityAnnotation>
  );
}
