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
import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import {
  extendGrantRequestSchema,
  type ExtendGrantRequest,
  type Grant,
} from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import { formatDateTime, formatDuration } from '../../lib/time';

/** The current expiry plus N, within what the backend says is the latest possible. */
function proposedExpiry(grant: Grant, minutes: number): string {
  const base = Math.max(Date.parse(grant.expiresAt!), Date.now());
  let next = base + minutes * 60_000;
  const { maxDurationMinutes, lifetimeEndsAt } = grant.extension ?? {};
  if (maxDurationMinutes) {
    next = Math.min(next, Date.now() + maxDurationMinutes * 60_000);
  }
  if (lifetimeEndsAt) {
    next = Math.min(next, Date.parse(lifetimeEndsAt));
  }
  return new Date(next).toISOString();
}
import { fieldErrors } from '../../lib/validation';
import { ConfirmGrantActionButton } from '../ConfirmGrantActionDialog';
import { DurationPicker } from '../DurationPicker';

/**
 * "Extend" with a dialog asking for how long, and optionally why. `extend`
 * replaces the call for what stands behind the grant (a bundle moves all
 * its parts); it answers with the extended grant.
 */
export function ExtendGrantButton(props: {
  grant: Grant;
  onExtended?: (grant: Grant) => void;
  extend?: (request: ExtendGrantRequest) => Promise<Grant>;
}) {
  const { grant, onExtended } = props;
  const api = useApi(awsAccessApiRef);
  const [durationMinutes, setDuration] = useState<number | undefined>(60);
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const body = {
    durationMinutes,
    ...(reason.trim() ? { reason } : {}),
  };
  // Errors show once the user first tries to extend, not while typing.
  const errors = submitted ? fieldErrors(extendGrantRequestSchema, body) : {};

  const extend = async () => {
    const request = {
      durationMinutes: durationMinutes!,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    };
    const extended = props.extend
      ? await props.extend(request)
      : await api.extendGrant(grant.id, request);
    setSubmitted(false);
    onExtended?.(extended);
    return `Access extended until ${formatDateTime(extended.expiresAt)}`;
  };

  return (
    <ConfirmGrantActionButton
      label="Extend"
      color="primary"
      size="small"
      onDismiss={() => setSubmitted(false)}
      idPrefix="aws-access-extend"
      title="Extend access"
      note={{
        name: 'reason',
        label: 'Reason (optional)',
        value: reason,
        onChange: setReason,
        error: errors.reason,
        margin: 'normal',
      }}
      cancelLabel="Cancel"
      confirmLabel="Extend"
      busyLabel="Extending…"
      confirmColor="primary"
      canConfirm={() => {
        setSubmitted(true);
        return !Object.keys(fieldErrors(extendGrantRequestSchema, body)).length;
      }}
      onConfirm={extend}
      dialogProps={{ maxWidth: 'sm', fullWidth: true }}
    >
      <DialogContentText>
        Currently expires {formatDateTime(grant.expiresAt)}.
        {durationMinutes && grant.expiresAt
          ? ` Extending by ${formatDuration(
              durationMinutes,
            )} moves it to ${formatDateTime(
              proposedExpiry(grant, durationMinutes),
            )}.`
          : ''}{' '}
        Both the role's trust and permission policies are rewritten with the new
        expiry.
      </DialogContentText>
      <DurationPicker
        label="Extend by"
        value={durationMinutes}
        onChange={setDuration}
        error={errors.durationMinutes}
      />
    </ConfirmGrantActionButton>
  );
}
