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

import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { BREAK_GLASS_MIN_REASON_LENGTH } from '@backstage-aws-access/plugin-aws-access-common';
import { formatDuration } from '../../lib/time';

/**
 * The break-glass confirmation of the request form, offered only where the
 * preview says an approval rule allows it: ticking it sends the request as
 * self-approved, after saying exactly what that means.
 */
export function BreakGlassOption(props: {
  maxDurationMinutes: number;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}) {
  const { maxDurationMinutes, checked, onChange, error } = props;
  return (
    <Box my={2}>
      <Alert
        severity={checked ? 'warning' : 'info'}
        data-testid="break-glass-option"
      >
        <Typography variant="body2" paragraph>
          This request needs approval, but its rule allows <b>break-glass</b> in
          an emergency: you approve it yourself and the access is active at
          once, for at most {formatDuration(maxDurationMinutes)}. Every approver
          is notified now and reviews it afterwards; a flagged break-glass grant
          is reported to security. Explain the emergency in the reason (at least{' '}
          {BREAK_GLASS_MIN_REASON_LENGTH} characters).
        </Typography>
        <FormControlLabel
          control={
            <Checkbox
              checked={checked}
              onChange={e => onChange(e.target.checked)}
              name="breakGlass"
              color="secondary"
            />
          }
          label="This is an emergency: I confirm I approve my own access (break-glass)"
        />
        {error && (
          <Typography variant="body2" color="error" role="alert">
            {error}
          </Typography>
        )}
      </Alert>
    </Box>
  );
}
