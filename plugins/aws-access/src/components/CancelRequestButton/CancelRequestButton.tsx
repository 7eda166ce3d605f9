import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  revokeGrantRequestSchema,
  type Grant,
} from 'backstage-plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import { useCurrentUserRef, useElementId } from '../../hooks';
import { isSameEntityRef } from '../../lib/entityRefs';
import { apiErrorMessage } from '../../lib/errors';
import { fieldErrors } from '../../lib/validation';

/**
 * "Cancel request" with a confirmation dialog, for the requester of a
 * pending grant; renders nothing for anyone else or once the grant is no
 * longer pending. Approvers end other people's requests by rejecting them
 * in the approvals inbox.
 */
export function CancelRequestButton(props: {
  grant: Grant;
  onCancelled?: (grant: Grant) => void;
  size?: 'small' | 'medium';
}) {
  const { grant, onCancelled, size = 'small' } = props;
  const api = useApi(awsAccessApiRef);
  const alertApi = useApi(alertApiRef);
  const user = useCurrentUserRef();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const titleId = useElementId('aws-access-cancel-title');
  const reasonId = useElementId('aws-access-cancel-reason');
  const reasonError = reason
    ? fieldErrors(revokeGrantRequestSchema, { reason }).reason
    : undefined;

  if (
    grant.state !== 'pending' ||
    !isSameEntityRef(grant.requester, user.value)
  ) {
    return null;
  }

  const close = () => {
    if (!busy) {
      setOpen(false);
      setError(undefined);
    }
  };

  const cancel = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const cancelled = await api.cancelGrant(
        grant.id,
        reason.trim() ? { reason: reason.trim() } : {},
      );
      setOpen(false);
      setReason('');
      alertApi.post({
        message: 'Request cancelled',
        severity: 'success',
        display: 'transient',
      });
      onCancelled?.(cancelled);
    } catch (e) {
      setError(apiErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        size={size}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
      >
        Cancel request
      </Button>
      <Dialog open={open} onClose={close} aria-labelledby={titleId}>
        <DialogTitle id={titleId}>Cancel this request?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Your request for {grant.actions.join(', ')} on{' '}
            <code>{grant.resourceArn}</code> is withdrawn and the approvers no
            longer see it. Request access again if you need it later.
          </DialogContentText>
          <TextField
            id={reasonId}
            label="Reason (optional)"
            value={reason}
            onChange={e => setReason(e.target.value)}
            error={Boolean(reasonError)}
            helperText={reasonError}
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
            Keep request
          </Button>
          <Button
            onClick={cancel}
            color="secondary"
            variant="contained"
            disabled={busy || Boolean(reasonError)}
          >
            {busy ? 'Cancelling…' : 'Cancel request'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
