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

import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { useNow } from '../../hooks';
import { formatDateTime, formatTimeUntil } from '../../lib/time';

/** "Waiting for approval: 1 of 2", or without a count when none is known. */
export function approvalProgressLabel(
  grant: Pick<Grant, 'approvals' | 'requiredApprovals'>,
): string {
  const given = grant.approvals?.length ?? 0;
  return grant.requiredApprovals === undefined
    ? 'Waiting for approval'
    : `Waiting for approval: ${given} of ${grant.requiredApprovals}`;
}

/**
 * When a pending request times out: `Times out in 29 minutes`, with the date
 * as well where there is room. Past the deadline the backend's sweep is
 * about to end it `rejected`.
 */
function ApprovalDeadline(props: { deadline: string; dense: boolean }) {
  const { deadline, dense } = props;
  // Whole minutes at best, so a slow tick is enough.
  const now = useNow(15_000);
  const until = formatTimeUntil(deadline, now);
  const date = formatDateTime(deadline);
  return (
    <Typography
      variant={dense ? 'caption' : 'body2'}
      component="p"
      color="textSecondary"
      title={`Times out ${date}`}
    >
      {until ? `Times out ${until}` : 'Timing out now'}
      {!dense && until && ` (${date})`}
    </Typography>
  );
}

/**
 * Where a pending request stands: how many approvals it has of how many it
 * needs, who approved so far, which groups may approve and when it times
 * out. Renders nothing once the grant is no longer pending.
 */
export function ApprovalProgress(props: {
  grant: Pick<
    Grant,
    | 'state'
    | 'approvals'
    | 'requiredApprovals'
    | 'approverGroups'
    | 'approvalDeadline'
  >;
  /** Smaller type and no bar, for table cells and card lists. */
  dense?: boolean;
}) {
  const { grant, dense = false } = props;
  if (grant.state !== 'pending') {
    return null;
  }
  const approvers = (grant.approvals ?? []).map(a => a.approver);
  const required = grant.requiredApprovals;
  const label = approvalProgressLabel(grant);
  const variant = dense ? 'caption' : 'body2';

  return (
    <Box>
      <Typography variant={variant} component="p">
        {label}
      </Typography>
      {!dense && required !== undefined && required > 0 && (
        <Box my={0.5} maxWidth={320}>
          <LinearProgress
            variant="determinate"
            value={Math.min(100, (approvers.length / required) * 100)}
            aria-label={label}
          />
        </Box>
      )}
      {approvers.length > 0 && (
        <Typography variant={variant} component="p" color="textSecondary">
          Approved by{' '}
          <EntityRefLinks entityRefs={approvers} defaultKind="user" />
        </Typography>
      )}
      {grant.approverGroups && grant.approverGroups.length > 0 && (
        <Typography variant={variant} component="p" color="textSecondary">
          Who may approve:{' '}
          <EntityRefLinks
            entityRefs={grant.approverGroups}
            defaultKind="group"
          />
        </Typography>
      )}
      {grant.approvalDeadline && (
        <ApprovalDeadline deadline={grant.approvalDeadline} dense={dense} />
      )}
    </Box>
  );
}
