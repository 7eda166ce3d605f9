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
import { StructuredMetadataTable } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import Alert from '@material-ui/lab/Alert';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import {
  canExtend,
  canRevoke,
  extensionBlockedReason,
} from '../../lib/grantStates';
import { formatDateTime, formatDuration } from '../../lib/time';
import { ActorLink } from '../ActorLink';
import { ApprovalProgress } from '../ApprovalProgress';
import { AwsCliSnippet } from '../AwsCliSnippet';
import { CancelRequestButton } from '../CancelRequestButton';
import { ExpiryCountdown } from '../ExpiryCountdown';
import { ExtendGrantButton } from '../ExtendGrantButton';
import { GrantStateIndicator } from '../GrantStateIndicator';
import { PropagationHint } from '../PropagationHint';
import { BreakGlassChip } from '../BreakGlass/BreakGlassChip';
import { RevokeGrantButton } from '../RevokeGrantButton';
import { ResourceArn, UserText } from '../UserText';
import { PartOfBundleNotice } from './PartOfBundleNotice';

/**
 * Everything about one grant a requester needs: its state, time left, how
 * to sign in (console or CLI), and the buttons to extend or give it back.
 */
export function GrantDetails(props: {
  grant: Grant;
  onChange?: (grant: Grant) => void;
}) {
  const { grant, onChange } = props;
  const metadata: Record<string, ReactNode> = {
    State: (
      <>
        <GrantStateIndicator state={grant.state} />
        <BreakGlassChip grant={grant} />
      </>
    ),
    'Time left': <ExpiryCountdown grant={grant} />,
    Expires: formatDateTime(grant.expiresAt),
    Resource: <ResourceArn arn={grant.resourceArn} />,
    Actions: grant.actions.join(', '),
    Duration: formatDuration(grant.durationMinutes),
    Account: grant.accountId,
    Requester: <EntityRefLink entityRef={grant.requester} defaultKind="user" />,
    Reason: <UserText>{grant.reason}</UserText>,
  };
  if (grant.roleArn) {
    metadata.Role = <code>{grant.roleArn}</code>;
  }
  if (grant.approvedBy) {
    // `auto` when no rule asked for approval: ActorLink names it in words.
    metadata['Approved by'] = <ActorLink actor={grant.approvedBy} />;
  }

  return (
    <Box>
      {grant.bundleId && <PartOfBundleNotice bundleId={grant.bundleId} />}
      {grant.state === 'pending' && (
        <Alert severity="info">
          This request waits for approval. It becomes active once approved.
          <ApprovalProgress grant={grant} />
        </Alert>
      )}
      {grant.state === 'provisioning' && (
        <Alert severity="info">
          Creating the IAM role; this takes a few seconds.
        </Alert>
      )}
      <PropagationHint grant={grant} />
      {grant.lastError && (
        <Alert severity="error" role="alert">
          <UserText>{grant.lastError}</UserText>
        </Alert>
      )}
      <StructuredMetadataTable metadata={metadata} dense />
      {extensionBlockedReason(grant) && (
        <Alert severity="info" data-testid="extension-blocked">
          {extensionBlockedReason(grant)}
        </Alert>
      )}
      <Box display="flex" flexWrap="wrap" my={2} style={{ gap: 8 }}>
        {grant.state === 'active' && grant.signInUrl && (
          <Button
            variant="contained"
            color="primary"
            href={grant.signInUrl}
            target="_blank"
            rel="noopener noreferrer"
            endIcon={<OpenInNewIcon />}
          >
            Sign in to the AWS console
          </Button>
        )}
        {canExtend(grant) && (
          <ExtendGrantButton grant={grant} onExtended={onChange} />
        )}
        {canRevoke(grant) && (
          <RevokeGrantButton grant={grant} onRevoked={onChange} />
        )}
        <CancelRequestButton
          grant={grant}
          onCancelled={onChange}
          size="medium"
        />
      </Box>
      {grant.state === 'active' && <AwsCliSnippet grant={grant} />}
      {(grant.state === 'pending' || grant.state === 'provisioning') && (
        <Typography variant="body2" color="textSecondary">
          The console link and CLI profile appear once the grant is active.
        </Typography>
      )}
    </Box>
  );
}
