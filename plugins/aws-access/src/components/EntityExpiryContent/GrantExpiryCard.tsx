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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { useGrant, useGrantDetailsLink, useNow } from '../../hooks';
import Button from '@material-ui/core/Button';
import { Link as RouterLink } from 'react-router-dom';
import { canExtend, canRevoke } from '../../lib/grantStates';
import { formatDateTime, remainingPercent } from '../../lib/time';
import { ApprovalProgress } from '../ApprovalProgress';
import { CancelRequestButton } from '../CancelRequestButton';
import { ExpiryCountdown } from '../ExpiryCountdown';
import { ExtendGrantButton } from '../ExtendGrantButton';
import { GrantHistory } from '../GrantHistory';
import { GrantStateIndicator } from '../GrantStateIndicator';
import { RevokeGrantButton } from '../RevokeGrantButton';

/**
 * One live grant: its countdown, extend and revoke, and its history; while
 * it waits for approval, its approval progress and (for its requester)
 * cancel.
 */
export function GrantExpiryCard(props: { grant: Grant; onChange: () => void }) {
  const detail = useGrant(props.grant.id);
  const detailsLink = useGrantDetailsLink();
  const grant = detail.value ?? props.grant;
  const now = useNow();
  const percent = grant.expiresAt
    ? remainingPercent(grant.activatedAt, grant.expiresAt, now)
    : 0;
  const onChange = () => {
    detail.refresh();
    props.onChange();
  };

  return (
    <InfoCard
      title={
        <>
          <EntityRefLink entityRef={grant.requester} defaultKind="user" />:{' '}
          <span style={{ overflowWrap: 'break-word' }}>
            {grant.actions.join(', ')}
          </span>
        </>
      }
      subheader={<GrantStateIndicator state={grant.state} />}
    >
      <Box
        display="flex"
        alignItems="baseline"
        flexWrap="wrap"
        style={{ gap: 16 }}
      >
        <ExpiryCountdown grant={grant} variant="h6" />
        {grant.expiresAt && (
          <Typography variant="body2" color="textSecondary">
            Expires {formatDateTime(grant.expiresAt)}
          </Typography>
        )}
      </Box>
      <ApprovalProgress grant={grant} />
      {grant.expiresAt && (
        <Box my={1}>
          <LinearProgress
            variant="determinate"
            value={percent}
            aria-label="Share of the grant's time left"
          />
        </Box>
      )}
      <Box display="flex" my={2} style={{ gap: 8 }}>
        {canExtend(grant) && (
          <ExtendGrantButton grant={grant} onExtended={onChange} />
        )}
        {canRevoke(grant) && (
          <RevokeGrantButton grant={grant} onRevoked={onChange} />
        )}
        <CancelRequestButton grant={grant} onCancelled={onChange} />
        <Button
          component={RouterLink}
          to={detailsLink(grant.id)}
          data-testid="grant-row-link"
        >
          Details
        </Button>
      </Box>
      {detail.loading && <Progress />}
      {detail.error && <ResponseErrorPanel error={detail.error} />}
      {detail.value && <GrantHistory events={detail.value.events} />}
    </InfoCard>
  );
}
