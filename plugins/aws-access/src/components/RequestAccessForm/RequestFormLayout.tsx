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

import { FormEvent, ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import { GRANT_LIMITS } from '@backstage-aws-access/plugin-aws-access-common';
import { useElementId } from '../../hooks';

/**
 * A request form beside its preview; the preview moves below the form
 * where the page is too narrow for both.
 */
export function RequestFormLayout(props: {
  label: string;
  onSubmit: (event: FormEvent) => void;
  /** The form's width before it wraps. */
  basis: number;
  children: ReactNode;
  preview: ReactNode;
}) {
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 24 }}>
      <form
        onSubmit={props.onSubmit}
        noValidate
        aria-label={props.label}
        style={{ flex: `1 1 ${props.basis}px`, minWidth: 0 }}
      >
        {props.children}
      </form>
      <Box flex="1 1 360px" minWidth={0}>
        {props.preview}
      </Box>
    </Box>
  );
}

/** The request's reason, with its length against the limit. */
export function ReasonField(props: {
  value: string;
  onChange: (reason: string) => void;
  error?: string;
  /** Where the reason is recorded, for the helper text. */
  recordedWith: string;
}) {
  const { value, onChange, error, recordedWith } = props;
  const id = useElementId('aws-access-request-reason');
  return (
    <TextField
      id={id}
      label="Reason"
      required
      value={value}
      onChange={e => onChange(e.target.value)}
      error={Boolean(error)}
      helperText={
        error ??
        `Why you need it; recorded with ${recordedWith} (${value.length}/${GRANT_LIMITS.maxReasonLength}).`
      }
      fullWidth
      multiline
      minRows={2}
      variant="outlined"
      margin="normal"
    />
  );
}
