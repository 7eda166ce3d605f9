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

import { FormEvent, useEffect, useMemo, useState } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  BREAK_GLASS_MIN_REASON_LENGTH,
  createGrantRequestSchema,
  duplicateGrantIdOf,
  GRANT_LIMITS,
  type Grant,
} from '@backstage-aws-access/plugin-aws-access-common';
import useAsync from 'react-use/esm/useAsync';
import { formatDuration } from '../../lib/time';
import { GrantPreviewPanel } from '../GrantPreviewPanel';
import { DuplicateGrantNotice } from './DuplicateGrantNotice';
import { awsAccessApiRef } from '../../api';
import { useActions, useRequestPreview } from '../../hooks';
import { apiErrorMessage } from '../../lib/errors';
import { fieldErrors } from '../../lib/validation';
import { ActionPicker } from '../ActionPicker';
import { DurationPicker } from '../DurationPicker';
import { SubmittedGrant } from './SubmittedGrant';
import { ReasonField, RequestFormLayout } from './RequestFormLayout';
import { BreakGlassOption } from '../BreakGlass/BreakGlassOption';
import { ErrorAlert } from '../ErrorAlert';

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
  const [breakGlass, setBreakGlass] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<string>();
  const [duplicateOf, setDuplicateOf] = useState<string>();
  const [grant, setGrant] = useState<Grant>();
  const limits = useAsync(async () => (await api.listAccounts()).limits, [api]);
  const maxDurationMinutes = limits.value?.maxDurationMinutes;

  const body = {
    resourceArn,
    actions: selected,
    durationMinutes,
    reason,
    ...(accountId ? { accountId } : {}),
    ...(breakGlass ? { breakGlass: { confirmed: true as const } } : {}),
  };
  const errors = submitted ? fieldErrors(createGrantRequestSchema, body) : {};
  const bodyKey = JSON.stringify(body);
  const {
    preview,
    error: previewError,
    loading: previewLoading,
  } = useRequestPreview({
    schema: createGrantRequestSchema,
    bodyKey,
    fetchPreview: useMemo(() => api.previewGrant?.bind(api), [api]),
    quiet: e => Boolean(duplicateGrantIdOf(e)),
  });

  const breakGlassAllowed = preview?.breakGlass?.allowed ?? false;
  const breakGlassError =
    submitted &&
    breakGlass &&
    reason.trim().length < BREAK_GLASS_MIN_REASON_LENGTH
      ? `A break-glass request must explain the emergency in at least ${BREAK_GLASS_MIN_REASON_LENGTH} characters.`
      : undefined;

  // Break-glass is only for requests whose rule allows it: a preview that
  // says otherwise (other actions, another resource) unticks it.
  useEffect(() => {
    if (preview && !preview.breakGlass?.allowed) {
      setBreakGlass(false);
    }
  }, [preview]);

  // A server's answer is about the request it was given: once a field
  // changes, it no longer applies.
  useEffect(() => {
    setSubmitError(undefined);
    setDuplicateOf(undefined);
  }, [bodyKey]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const parsed = createGrantRequestSchema.safeParse(body);
    if (
      !parsed.success ||
      (breakGlass && reason.trim().length < BREAK_GLASS_MIN_REASON_LENGTH)
    ) {
      return;
    }
    setBusy(true);
    setSubmitError(undefined);
    try {
      const created = await api.createGrant(parsed.data);
      setGrant(created);
      onSubmitted?.(created);
    } catch (e) {
      const existing = duplicateGrantIdOf(e);
      if (existing) {
        setDuplicateOf(existing);
      } else {
        setSubmitError(apiErrorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setGrant(undefined);
    setSelected([]);
    setReason('');
    setBreakGlass(false);
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
    <RequestFormLayout
      label="Request AWS access"
      onSubmit={submit}
      basis={480}
      preview={
        <GrantPreviewPanel
          preview={preview}
          loading={previewLoading}
          error={previewError}
        />
      }
    >
      <Typography variant="body2" color="textSecondary" paragraph>
        Access to <code>{resourceArn}</code> through a temporary IAM role that
        allows only the actions you pick and ends by itself.
      </Typography>
      <Typography variant="body2" paragraph data-testid="request-limits">
        Up to {GRANT_LIMITS.maxActions} actions
        {maxDurationMinutes
          ? `, for at most ${formatDuration(maxDurationMinutes)}`
          : ''}
        . The preview shows who approves before you send it.
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
      <ReasonField
        value={reason}
        onChange={setReason}
        error={errors.reason}
        recordedWith="the grant"
      />
      {(breakGlassAllowed || breakGlass) && preview?.breakGlass && (
        <BreakGlassOption
          maxDurationMinutes={preview.breakGlass.maxDurationMinutes}
          checked={breakGlass}
          onChange={setBreakGlass}
          error={breakGlassError}
        />
      )}
      {errors.resourceArn && (
        <Alert severity="error">{errors.resourceArn}</Alert>
      )}
      {errors.accountId && <Alert severity="error">{errors.accountId}</Alert>}
      <ErrorAlert error={submitError} mb={2} />
      {duplicateOf && (
        <Box mb={2}>
          <DuplicateGrantNotice grantId={duplicateOf} />
        </Box>
      )}
      <Button type="submit" variant="contained" color="primary" disabled={busy}>
        {submitLabel(busy, breakGlass)}
      </Button>
    </RequestFormLayout>
  );
}

function submitLabel(busy: boolean, breakGlass: boolean): string {
  if (busy) return 'Requesting…';
  return breakGlass ? 'Break glass: activate now' : 'Request access';
}
