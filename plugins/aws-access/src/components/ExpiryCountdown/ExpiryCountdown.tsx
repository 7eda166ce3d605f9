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

import Typography from '@material-ui/core/Typography';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { useNow } from '../../hooks';
import {
  formatDateTime,
  formatDuration,
  formatRemaining,
} from '../../lib/time';

/**
 * Time left on a grant, ticking in the browser from `expiresAt`. Before the
 * grant is active it says how long it will last; after, when it ended.
 */
export function ExpiryCountdown(props: {
  grant: Pick<Grant, 'state' | 'expiresAt' | 'endedAt' | 'durationMinutes'>;
  variant?: 'body2' | 'h6';
}) {
  const { grant, variant = 'body2' } = props;
  const now = useNow();

  if (grant.state === 'active' && grant.expiresAt) {
    const remaining = formatRemaining(grant.expiresAt, now);
    return (
      <Typography
        variant={variant}
        component="span"
        role="timer"
        aria-label={
          remaining
            ? `${remaining} left, expires ${formatDateTime(grant.expiresAt)}`
            : 'Expiring now'
        }
        title={`Expires ${formatDateTime(grant.expiresAt)}`}
      >
        {remaining ? `${remaining} left` : 'Expiring now…'}
      </Typography>
    );
  }
  if (grant.endedAt) {
    return (
      <Typography variant={variant} component="span" color="textSecondary">
        Ended {formatDateTime(grant.endedAt)}
      </Typography>
    );
  }
  if (grant.state === 'pending' || grant.state === 'provisioning') {
    return (
      <Typography variant={variant} component="span" color="textSecondary">
        {formatDuration(grant.durationMinutes)} once active
      </Typography>
    );
  }
  return (
    <Typography variant={variant} component="span" color="textSecondary">
      —
    </Typography>
  );
}
