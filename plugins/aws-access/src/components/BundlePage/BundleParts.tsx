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
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { useAccountLabel, useGrantDetailsLink } from '../../hooks';
import { targetsOf } from '../../lib/bundleTargets';
import { GrantStateIndicator } from '../GrantStateIndicator';
import { ResourceArn } from '../UserText';

/**
 * The parts of a bundle, one row per account: its role, the resources and
 * actions it covers, its own state, and a link to the part's grant page.
 * ARNs wrap rather than widen the table, so it stays usable at 800 px.
 */
export function BundleParts(props: { grants: Grant[] }) {
  const detailsLink = useGrantDetailsLink();
  const accountLabel = useAccountLabel();
  return (
    <TableContainer>
      <Table size="small" aria-label="Parts of the request">
        <TableHead>
          <TableRow>
            <TableCell>Account</TableCell>
            <TableCell>Role</TableCell>
            <TableCell>Resources and actions</TableCell>
            <TableCell>State</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {props.grants.map(grant => (
            <TableRow key={grant.id} data-testid="bundle-part">
              <TableCell>
                {accountLabel(grant.accountId)}
                <Typography variant="caption" display="block">
                  {grant.region}
                </Typography>
              </TableCell>
              <TableCell style={{ wordBreak: 'break-all', minWidth: 120 }}>
                {grant.roleName ?? '—'}
              </TableCell>
              <TableCell style={{ wordBreak: 'break-all', minWidth: 200 }}>
                {targetsOf(grant).map(target => (
                  <Typography
                    key={target.resourceArn}
                    variant="body2"
                    component="div"
                  >
                    <ResourceArn arn={target.resourceArn} />:{' '}
                    {target.actions.join(', ')}
                  </Typography>
                ))}
              </TableCell>
              <TableCell>
                <GrantStateIndicator state={grant.state} />
              </TableCell>
              <TableCell>
                <Link
                  to={detailsLink(grant.id)}
                  aria-label={`Details of the part in ${accountLabel(
                    grant.accountId,
                  )}`}
                >
                  Details
                </Link>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
