import { useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  grantApprovePermission,
  type Grant,
} from 'backstage-plugin-aws-access-common';
import { useCurrentUserRef, useGrants } from '../../hooks';
import { Decision, DecisionDialog } from './DecisionDialog';

function ApprovalRow(props: { grant: Grant; onDecided: () => void }) {
  const { grant, onDecided } = props;
  const [decision, setDecision] = useState<Decision>();
  // The permission framework decides whose inbox a request is in; the
  // backend still refuses approvals that do not count (e.g. twice).
  const { loading, allowed } = usePermission({
    permission: grantApprovePermission,
    resourceRef: grant.id,
  });
  if (loading || !allowed) {
    return null;
  }
  const approvals = grant.approvals?.length ?? 0;
  return (
    <InfoCard
      title={`${grant.requester} asks for access`}
      subheader={grant.resourceArn}
    >
      <Typography variant="body2">
        <strong>Actions:</strong> {grant.actions.join(', ')}
      </Typography>
      <Typography variant="body2">
        <strong>For:</strong> {grant.durationMinutes} minutes, from approval
      </Typography>
      <Typography variant="body2">
        <strong>Reason:</strong> {grant.reason}
      </Typography>
      {grant.requiredApprovals !== undefined && (
        <Typography variant="body2">
          <strong>Approvals:</strong> {approvals} of {grant.requiredApprovals}
          {approvals > 0 &&
            ` (${grant.approvals!.map(a => a.approver).join(', ')})`}
        </Typography>
      )}
      <Box mt={2} display="flex" style={{ gap: 8 }}>
        <Button
          variant="contained"
          color="primary"
          onClick={() => setDecision('approve')}
          aria-haspopup="dialog"
        >
          Approve
        </Button>
        <Button
          variant="outlined"
          color="secondary"
          onClick={() => setDecision('reject')}
          aria-haspopup="dialog"
        >
          Reject
        </Button>
      </Box>
      {decision && (
        <DecisionDialog
          grant={grant}
          decision={decision}
          open
          onClose={() => setDecision(undefined)}
          onDecided={() => {
            setDecision(undefined);
            onDecided();
          }}
        />
      )}
    </InfoCard>
  );
}

/**
 * The approvals inbox: pending requests of other people that the signed-in
 * user may approve or reject, each with the comment dialog.
 */
export function ApprovalsInbox() {
  const user = useCurrentUserRef();
  const { value, loading, error, refresh } = useGrants({ state: ['pending'] });
  if ((loading && !value) || user.loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const waiting = (value?.items ?? []).filter(g => g.requester !== user.value);
  if (waiting.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="Nothing waits for your approval"
        description="Requests that need your approval appear here."
      />
    );
  }
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      {waiting.map(grant => (
        <ApprovalRow key={grant.id} grant={grant} onDecided={refresh} />
      ))}
    </Box>
  );
}
