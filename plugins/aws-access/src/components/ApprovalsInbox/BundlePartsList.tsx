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
import Typography from '@material-ui/core/Typography';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { useAccountLabel } from '../../hooks';
import { targetsOf } from '../../lib/bundleTargets';
import { ResourceArn } from '../UserText';

/** "3 resources in 2 accounts, one decision". */
export function bundleSummary(parts: Grant[]): string {
  const resources = parts.flatMap(targetsOf).length;
  const accounts = new Set(parts.map(p => p.accountId)).size;
  return `${resources} resources in ${accounts} ${
    accounts === 1 ? 'account' : 'accounts'
  }, one decision for all`;
}

/** A bundle's parts in an approval: per account, each resource and its actions. */
export function BundlePartsList(props: { parts: Grant[] }) {
  const accountLabel = useAccountLabel();
  return (
    <Box component="ul" m={0} mb={1} pl={2} data-testid="approval-parts">
      {props.parts.map(part =>
        targetsOf(part).map(target => (
          <Typography
            key={`${part.id}-${target.resourceArn}`}
            variant="body2"
            component="li"
            style={{ wordBreak: 'break-all' }}
          >
            Account {accountLabel(part.accountId)}:{' '}
            <ResourceArn arn={target.resourceArn} /> —{' '}
            {target.actions.join(', ')}
          </Typography>
        )),
      )}
    </Box>
  );
}
