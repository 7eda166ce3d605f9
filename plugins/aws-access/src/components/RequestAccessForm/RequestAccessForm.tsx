import { FormEvent, useState } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  createGrantRequestSchema,
  GRANT_LIMITS,
  type Grant,
} from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import { useActions, useElementId } from '../../hooks';
import { apiErrorMessage } from '../../lib/errors';
import { fieldErrors } from '../../lib/validation';
import { ActionPicker } from '../ActionPicker';
import { DurationPicker } from '../DurationPicker';
import { SubmittedGrant } from './SubmittedGrant';

/**
 * The request form: actions for this resource, a duration and a reason.
 * Fields are checked with the API's own schema, so the form says what the
 * API would say; after submit it shows the grant as it comes to life.
 */
export function RequestAccessForm(props: {
  resourceArn: string;
  accountId?: string;
  onSubmitted?: (grant: Grant) => void;
}) {
  const { resourceArn, accountId, onSubmitted } = props;
  const api = useApi(awsAccessApiRef);
  const actions = useActions(resourceArn);
  const [selected, setSelected] = useState<string[]>([]);
  const [durationMinutes, setDuration] = useState<number | undefined>(60);
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<string>();
  const [grant, setGrant] = useState<Grant>();
  const reasonId = useElementId('aws-access-request-reason');

  const body = {
    resourceArn,
    actions: selected,
    durationMinutes,
    reason,
    ...(accountId ? { accountId } : {}),
  };
  const errors = submitted ? fieldErrors(createGrantRequestSchema, body) : {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const parsed = createGrantRequestSchema.safeParse(body);
    if (!parsed.success) {
      return;
    }
    setBusy(true);
    setSubmitError(undefined);
    try {
      const created = await api.createGrant(parsed.data);
      setGrant(created);
      onSubmitted?.(created);
    } catch (e) {
      setSubmitError(apiErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setGrant(undefined);
    setSelected([]);
    setReason('');
    setSubmitted(false);
  };

  if (grant) {
    return <SubmittedGrant initial={grant} onRequestAnother={reset} />;
  }
  if (actions.loading) {
    return <Progress />;
  }
  if (actions.error) {
    return <ResponseErrorPanel error={actions.error} />;
  }
  if (!actions.value?.length) {
    return (
      <EmptyState
        missing="data"
        title="No IAM actions for this resource"
        description={`No IAM action applies to ${resourceArn}, so there is nothing to request.`}
      />
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Request AWS access">
      <Typography variant="body2" color="textSecondary" paragraph>
        Access to <code>{resourceArn}</code> through a temporary IAM role that
        allows only the actions you pick and ends by itself.
      </Typography>
      <ActionPicker
        resourceArn={resourceArn}
        actions={actions.value}
        selected={selected}
        onChange={setSelected}
        error={errors.actions}
      />
      <Box mt={3}>
        <DurationPicker
          value={durationMinutes}
          onChange={setDuration}
          error={errors.durationMinutes}
        />
      </Box>
      <TextField
        id={reasonId}
        label="Reason"
        required
        value={reason}
        onChange={e => setReason(e.target.value)}
        error={Boolean(errors.reason)}
        helperText={
          errors.reason ??
          `Why you need it; recorded with the grant (${reason.length}/${GRANT_LIMITS.maxReasonLength}).`
        }
        fullWidth
        multiline
        minRows={2}
        variant="outlined"
        margin="normal"
      />
      {errors.resourceArn && (
        <Alert severity="error">{errors.resourceArn}</Alert>
      )}
      {errors.accountId && <Alert severity="error">{errors.accountId}</Alert>}
      {submitError && (
        <Box mb={2}>
          <Alert severity="error" role="alert">
            {submitError}
          </Alert>
        </Box>
      )}
      <Button type="submit" variant="contained" color="primary" disabled={busy}>
        {busy ? 'Requesting…' : 'Request access'}
      </Button>
    </form>
  );
}
