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
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import { useGrant } from '../../hooks';
import { GrantDetails } from '../GrantDetails';
import { GrantHistory } from '../GrantHistory';

/**
 * One grant a link (`?grant=<id>`, e.g. from a notification) pointed to:
 * its details, the buttons to act on it, and its history, in place of the
 * list; `onBack` returns to the list.
 */
export function LinkedGrant(props: { grantId: string; onBack: () => void }) {
  const { grantId, onBack } = props;
  const grant = useGrant(grantId);

  return (
    <>
      <Box mb={2}>
        <Button startIcon={<ArrowBackIcon />} onClick={onBack}>
          All grants
        </Button>
      </Box>
      {grant.loading && <Progress />}
      {!grant.loading && !grant.value && (
        <ResponseErrorPanel
          title="The linked grant could not be shown"
          error={grant.error ?? new Error(`no grant with id ${grantId}`)}
        />
      )}
      {grant.value && (
        <>
          {grant.error && <ResponseErrorPanel error={grant.error} />}
          <Box mb={3}>
            <InfoCard title="AWS access grant" subheader={grant.value.id}>
              <GrantDetails grant={grant.value} onChange={grant.refresh} />
            </InfoCard>
          </Box>
          <GrantHistory events={grant.value.events} />
        </>
      )}
    </>
  );
}
