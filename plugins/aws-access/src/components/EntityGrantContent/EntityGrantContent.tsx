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

import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { ANNOTATION_GRANT_ID } from '@backstage-aws-access/plugin-aws-access-common';
import { useGrant } from '../../hooks';
import { GrantDetails } from '../GrantDetails';
import { GrantHistory } from '../GrantHistory';
import { WithEntityAnnotation } from '../WithEntityAnnotation';

function Grant(props: { id: string }) {
  const grant = useGrant(props.id);
  if (grant.loading) {
    return <Progress />;
  }
  if (!grant.value) {
    return <ResponseErrorPanel error={grant.error ?? new Error('Not found')} />;
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {grant.error && <ResponseErrorPanel error={grant.error} />}
        <InfoCard title="AWS access grant">
          <GrantDetails grant={grant.value} onChange={grant.refresh} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <GrantHistory events={grant.value.events} />
      </Grid>
    </Grid>
  );
}

/**
 * The grant itself, on the page of a grant entity
 * (`spec.type: aws-access-grant`): state, time left, how to sign in, and revoke.
 */
export function EntityGrantContent() {
  return (
    <WithEntityAnnotation annotation={ANNOTATION_GRANT_ID}>
      {id => <Grant id={id} />}
    </WithEntityAnnotation>
  );
}
