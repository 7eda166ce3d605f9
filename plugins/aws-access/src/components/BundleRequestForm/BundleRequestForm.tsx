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
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  createBundleRequestSchema,
  GRANT_LIMITS,
  type AccessBundle,
} from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import { useRequestPreview } from '../../hooks';
import { apiErrorMessage } from '../../lib/errors';
import type { RequestCartItem } from '../../requestCart';
import { DurationPicker } from '../DurationPicker';
import { ReasonField, RequestFormLayout } from '../RequestAccessForm';
import { ErrorAlert } from '../ErrorAlert';
import {
  bundleErrorsFromMessage,
  bundleFieldErrors,
  type BundleErrors,
} from './bundleErrors';
import { BundlePreviewPanel } from './BundlePreviewPanel';
import { BundleTargetSection } from './BundleTargetSection';

const NO_ERRORS: BundleErrors = { targets: {}, fields: {}, other: [] };

/**
 * The request form over several resources: actions per resource, one
 * duration and one reason for all. Checked with the API's own schema; the
 * preview (`POST /bundles/preview`) shows one part per account and who
 * approves; submit sends one `POST /bundles`. Problems the API names by
 * `targets.N.field` show beside the N-th resource.
 */
export function BundleRequestForm(props: {
  items: RequestCartItem[];
  onRemove: (resourceArn: string) => void;
  onSubmitted: (bundle: AccessBundle) => void;
}) {
  const { items, onRemove, onSubmitted } = props;
  const api = useApi(awsAccessApiRef);
  const [actions, setActions] = useState<Record<string, string[]>>({});
  const [durationMinutes, setDuration] = useState<number | undefined>(60);
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<BundleErrors>(NO_ERRORS);

  const targets = items.map(item => ({
    resourceArn: item.resourceArn,
    actions: actions[item.resourceArn] ?? [],
    ...(item.accountId ? { accountId: item.accountId } : {}),
  }));
  const body = { targets, durationMinutes, reason };
  const bodyKey = JSON.stringify(body);
  const own = submitted
    ? bundleFieldErrors(createBundleRequestSchema, body)
    : NO_ERRORS;
  const targetError = (i: number) => own.targets[i] ?? serverErrors.targets[i];
  const fieldError = (field: string) =>
    own.fields[field] ?? serverErrors.fields[field];

  // The server's answer is about the request it was given.
  useEffect(() => setServerErrors(NO_ERRORS), [bodyKey]);
  const preview = useRequestPreview({
    schema: createBundleRequestSchema,
    bodyKey,
    fetchPreview: useMemo(() => api.previewBundle?.bind(api), [api]),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const parsed = createBundleRequestSchema.safeParse(body);
    if (!parsed.success || !api.createBundle) {
      return;
    }
    setBusy(true);
    try {
      onSubmitted(await api.createBundle(parsed.data));
    } catch (e) {
      setServerErrors(bundleErrorsFromMessage(apiErrorMessage(e)));
    } finally {
      setBusy(false);
    }
  };

  const other = [...own.other, ...serverErrors.other];
  return (
    <RequestFormLayout
      label="Request AWS access to several resources"
      onSubmit={submit}
      basis={520}
      preview={
        <BundlePreviewPanel
          preview={preview.preview}
          targets={targets}
          loading={preview.loading}
          error={preview.error}
        />
      }
    >
      <Typography variant="body2" color="textSecondary" paragraph>
        One request over {items.length} resources: approved as one decision, one
        temporary IAM role per account, and all of it ends at the same time. Up
        to {GRANT_LIMITS.maxActions} actions per resource.
      </Typography>
      <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
        {items.map((item, i) => (
          <BundleTargetSection
            key={item.resourceArn}
            item={item}
            selected={actions[item.resourceArn] ?? []}
            onChange={next =>
              setActions(prev => ({ ...prev, [item.resourceArn]: next }))
            }
            onRemove={() => onRemove(item.resourceArn)}
            error={targetError(i)}
          />
        ))}
      </Box>
      <Box mt={3}>
        <DurationPicker
          value={durationMinutes}
          onChange={setDuration}
          error={fieldError('durationMinutes')}
        />
      </Box>
      <ReasonField
        value={reason}
        onChange={setReason}
        error={fieldError('reason')}
        recordedWith="every part"
      />
      {other.map(message => (
        <ErrorAlert key={message} error={message} mb={2} />
      ))}
      <Button type="submit" variant="contained" color="primary" disabled={busy}>
        {busy ? 'Requesting…' : `Request access to ${items.length} resources`}
      </Button>
    </RequestFormLayout>
  );
}
