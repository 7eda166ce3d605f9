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
  revokeGrantRequestSchema,
  type Grant,
} from 'backstage-plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import { useElementId } from '../../hooks';
import { apiErrorMessage } from '../../lib/errors';
import { fieldErrors } from '../../lib/validation';

/**
 * "Revoke" with a confirmation dialog. IAM access ends at once: the role's
 * policy is deleted before the role.
 */
export function RevokeGrantButton(props: {
  grant: Grant;
  onRevoked?: (grant: Grant) => void;
  size?: 'small' | 'medium';
}) {
  const { grant, onRevoked, size = 'small' } = props;
  const api = useApi(awsAccessApiRef);
  const alertApi = useApi(alertApiRef);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const titleId = useElementId('aws-access-revoke-title');
  const reasonId = useElementId('aws-access-revoke-reason');
  const reasonError = reason
    ? fieldErrors(revokeGrantRequestSchema, { reason }).reason
    : undefined;

  const close = () => {
    if (!busy) {
      setOpen(false);
      setError(undefined);
    }
  };

  const revoke = async () => {
    if (reasonError) {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const revoked = await api.revokeGrant(
        grant.id,
        reason.trim() ? { reason: reason.trim() } : {},
      );
      setOpen(false);
      setReason('');
      alertApi.post({
        message: 'Access revoked',
        severity: 'success',
        display: 'transient',
      });
      onRevoked?.(revoked);
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
        color="secondary"
        size={size}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
      >
        Revoke
      </Button>
      <Dialog open={open} onClose={close} aria-labelledby={titleId}>
        <DialogTitle id={titleId}>Revoke access?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            <EntityDisplayName entityRef={grant.requester} defaultKind="user" />{' '}
            loses {grant.actions.join(', ')} on <code>{grant.resourceArn}</code>{' '}
            at once. This cannot be undone; ask again if the access is needed
            later.
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
            Cancel
          </Button>
          <Button
            onClick={revoke}
            color="secondary"
            variant="contained"
            disabled={busy || Boolean(reasonError)}
          >
            {busy ? 'Revoking…' : 'Revoke'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
