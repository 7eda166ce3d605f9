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

import Alert from '@material-ui/lab/Alert';
import {
  propagatingUntil,
  type Grant,
} from '@backstage-aws-access/plugin-aws-access-common';
import { useNow } from '../../hooks';

/**
 * For the first seconds after activation, a new role can still be refused
 * by AWS (IAM is eventually consistent): a person who tries at once and
 * gets AccessDenied should know to wait, not think the grant is broken.
 * Shown until `activatedAt` plus `grant.cli.propagationDelaySeconds`.
 */
export function PropagationHint(props: {
  grant: Pick<Grant, 'state' | 'activatedAt' | 'cli'>;
}) {
  const until = propagatingUntil(props.grant);
  const now = useNow(1000);
  if (until === undefined || now >= until) {
    return null;
  }
  return (
    <Alert severity="info" data-testid="propagation-hint">
      Propagating — AWS may refuse the role for a few seconds (about{' '}
      {Math.ceil((until - now) / 1000)} s more). The CLI commands below try
      again on their own.
    </Alert>
  );
}
