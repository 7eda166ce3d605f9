import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  decisionRequestSchema,
  type Grant,
} from 'backstage-plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import { useElementId } from '../../hooks';
import { apiErrorMessage } from '../../lib/errors';
import { fieldErrors } from '../../lib/validation';

export type Decision = 'approve' | 'reject';

const WORDS: Record<Decision, { title: string; verb: string; busy: string }> = {
  approve: { title: 'Approve access?', verb: 'Approve', busy: 'Approving…' },
  reject: { title: 'Reject access?', verb: 'Reject', busy: 'Rejecting…' },
};

/**
 * Asks for an optional comment, then approves or rejects. The comment is
 * recorded in the grant's history and shown to the requester.
 */
export function DecisionDialog(props: {
  grant: Grant;
  decision: Decision;
  open: boolean;
  onClose: () => void;
  onDecided: (grant: Grant) => void;
}) {
  const { grant, decision, open, onClose, onDecided } = props;
  const api = useApi(awsAccessApiRef);
  const alertApi = useApi(alertApiRef);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const titleId = useElementId(`aws-access-${decision}-title`);
  const commentId = useElementId(`aws-access-${decision}-comment`);
  const words = WORDS[decision];
  const commentError = comment
    ? fieldErrors(decisionRequestSchema, { comment }).comment
    : undefined;

  const close = () => {
    if (!busy) {
      setError(undefined);
      onClose();
    }
  };

  const decide = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const body = comment.trim() ? { comment: comment.trim() } : {};
      const decided =
        decision === 'approve'
          ? await api.approveGrant(grant.id, body)
          : await api.rejectGrant(grant.id, body);
      setComment('');
      alertApi.post({
        message: decision === 'approve' ? 'Approved' : 'Rejected',
        severity: 'success',
        display: 'transient',
      });
      onDecided(decided);
    } catch (e) {
      setError(apiErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{words.title}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          <EntityDisplayName entityRef={grant.requester} defaultKind="user" />{' '}
          asks for {grant.actions.join(', ')} on{' '}
          <code>{grant.resourceArn}</code> for {grant.durationMinutes} minutes:
          “{grant.reason}”
        </DialogContentText>
        <TextField
          id={commentId}
          label="Comment (optional)"
          value={comment}
          onChange={e => setComment(e.target.value)}
          error={Boolean(commentError)}
          helperText={commentError}
          fullWidth
          multiline
          variant="outlined"
          margin="dense"
        />
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          Cancel
        </Button>
        <Button
          onClick={decide}
          color={decision === 'approve' ? 'primary' : 'secondary'}
          variant="contained"
          disabled={busy || Boolean(commentError)}
        >
          {busy ? words.busy : words.verb}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
