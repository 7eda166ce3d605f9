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
  extendGrantRequestSchema,
  type Grant,
} from 'backstage-plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import { useElementId } from '../../hooks';
import { apiErrorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/time';
import { fieldErrors } from '../../lib/validation';
import { DurationPicker } from '../DurationPicker';

/** "Extend" with a dialog asking for how long, and optionally why. */
export function ExtendGrantButton(props: {
  grant: Grant;
  onExtended?: (grant: Grant) => void;
}) {
  const { grant, onExtended } = props;
  const api = useApi(awsAccessApiRef);
  const alertApi = useApi(alertApiRef);
  const [open, setOpen] = useState(false);
  const [durationMinutes, setDuration] = useState<number | undefined>(60);
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const titleId = useElementId('aws-access-extend-title');
  const reasonId = useElementId('aws-access-extend-reason');

  const body = {
    durationMinutes,
    ...(reason.trim() ? { reason } : {}),
  };
  const errors = submitted ? fieldErrors(extendGrantRequestSchema, body) : {};

  const close = () => {
    if (!busy) {
      setOpen(false);
      setSubmitted(false);
      setError(undefined);
    }
  };

  const extend = async () => {
    setSubmitted(true);
    if (Object.keys(fieldErrors(extendGrantRequestSchema, body)).length) {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const extended = await api.extendGrant(grant.id, {
        durationMinutes: durationMinutes!,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setOpen(false);
      setSubmitted(false);
      alertApi.post({
        message: `Access extended until ${formatDateTime(extended.expiresAt)}`,
        severity: 'success',
        display: 'transient',
      });
      onExtended?.(extended);
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
        color="primary"
        size="small"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
      >
        Extend
      </Button>
      <Dialog
        open={open}
        onClose={close}
        aria-labelledby={titleId}
        maxWidth="sm"
        fullWidth
      >
        <DialogTitle id={titleId}>Extend access</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Currently expires {formatDateTime(grant.expiresAt)}. Both the role's
            trust and permission policies are rewritten with the new expiry.
          </DialogContentText>
          <DurationPicker
            label="Extend by"
            value={durationMinutes}
            onChange={setDuration}
            error={errors.durationMinutes}
          />
          <TextField
            id={reasonId}
            label="Reason (optional)"
            value={reason}
            onChange={e => setReason(e.target.value)}
            error={Boolean(errors.reason)}
            helperText={errors.reason}
            fullWidth
            multiline
            variant="outlined"
            margin="normal"
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
            onClick={extend}
            color="primary"
            variant="contained"
            disabled={busy}
          >
            {busy ? 'Extending…' : 'Extend'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
