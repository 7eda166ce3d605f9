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

import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import { useGrant, useGrantDetailsLink } from '../../hooks';
import { canExtend, extensionBlockedReason } from '../../lib/grantStates';
import { ExtendGrantButton } from '../ExtendGrantButton';

/**
 * A request identical to one of your live grants: a link to that grant and,
 * where it can be extended, Extend right here.
 */
export function DuplicateGrantNotice(props: { grantId: string }) {
  const link = useGrantDetailsLink();
  const grant = useGrant(props.grantId);
  const existing = grant.value;
  return (
    <Alert
      severity="info"
      role="alert"
      data-testid="duplicate-grant"
      action={
        existing && canExtend(existing) ? (
          <ExtendGrantButton grant={existing} onExtended={grant.refresh} />
        ) : undefined
      }
    >
      You already have this access.{' '}
      <Link to={link(props.grantId)}>Open your existing grant</Link>
      {existing && canExtend(existing)
        ? ' or extend it instead of asking again.'
        : '.'}
      {existing && extensionBlockedReason(existing) && (
        <Box mt={1}>{extensionBlockedReason(existing)}</Box>
      )}
    </Alert>
  );
}
