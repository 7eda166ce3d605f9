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

import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import LockOpenIcon from '@material-ui/icons/LockOpen';
import { ANNOTATION_AWS_ARN } from '@backstage-aws-access/plugin-aws-access-common';
import { useElementId } from '../../hooks';
import { getAccountId } from '../../lib/entityPredicates';
import { AddToRequestButton } from '../AddToRequest';
import { ApprovalProgress } from '../ApprovalProgress';
import { CancelRequestButton } from '../CancelRequestButton';
import { DialogButton } from '../DialogButton';
import { ExpiryCountdown } from '../ExpiryCountdown';
import { LiveGrants } from '../LiveGrants';
import { RequestAccessForm } from '../RequestAccessForm';
import { WithEntityAnnotation } from '../WithEntityAnnotation';

function Summary(props: { resourceArn: string }) {
  return (
    <LiveGrants
      resourceArn={props.resourceArn}
      empty={
        <Typography variant="body2" color="textSecondary">
          Nobody holds access through aws-access right now.
        </Typography>
      }
    >
      {({ grants, refresh }) => (
        <Box component="ul" m={0} pl={2}>
          {grants.slice(0, 5).map(grant => (
            <li key={grant.id}>
              <Typography variant="body2" component="span">
                <EntityRefLink entityRef={grant.requester} defaultKind="user" />
                : {grant.actions.join(', ')} —{' '}
              </Typography>
              <ExpiryCountdown grant={grant} />
              {grant.state === 'pending' && (
                <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                  <ApprovalProgress grant={grant} dense />
                  <CancelRequestButton grant={grant} onCancelled={refresh} />
                </Box>
              )}
            </li>
          ))}
          {grants.length > 5 && (
            <Typography variant="body2" color="textSecondary" component="li">
              and {grants.length - 5} more
            </Typography>
          )}
        </Box>
      )}
    </LiveGrants>
  );
}

/**
 * Overview card for an AWS resource: who holds access now (and who waits
 * for approval, with their progress and, for the requester, cancel), and a
 * "Request access" button that opens the request form in a dialog.
 */
export function EntityAwsAccessCard() {
  return (
    <WithEntityAnnotation annotation={ANNOTATION_AWS_ARN}>
      {(resourceArn, entity) => (
        <AwsAccessCard
          resourceArn={resourceArn}
          accountId={getAccountId(entity)}
        />
      )}
    </WithEntityAnnotation>
  );
}

function AwsAccessCard(props: { resourceArn: string; accountId?: string }) {
  const { resourceArn, accountId } = props;
  const [open, setOpen] = useState(false);
  const titleId = useElementId('aws-access-request-dialog');
  return (
    <InfoCard title="AWS access">
      <Summary resourceArn={resourceArn} />
      <Box mt={2} display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        <DialogButton
          variant="contained"
          color="primary"
          startIcon={<LockOpenIcon />}
          onOpen={() => setOpen(true)}
        >
          Request access
        </DialogButton>
        <AddToRequestButton />
      </Box>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
        maxWidth="md"
        fullWidth
      >
        <DialogTitle id={titleId}>
          Request access
          <IconButton
            aria-label="Close"
            onClick={() => setOpen(false)}
            style={{ position: 'absolute', right: 8, top: 8 }}
          >
            <CloseIcon />
          </IconButton>
        </DialogTitle>
        <DialogContent dividers>
          <RequestAccessForm resourceArn={resourceArn} accountId={accountId} />
        </DialogContent>
      </Dialog>
    </InfoCard>
  );
}
