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

import { ReactNode, useMemo } from 'react';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import {
  parseArn,
  type Grant,
} from '@backstage-aws-access/plugin-aws-access-common';
import { useNavigate } from 'react-router-dom';
import { useGrantDetailsLink } from '../../hooks/useGrantDetailsLink';
import { canExtend, canRevoke } from '../../lib/grantStates';
import { formatDateTime, formatRelative } from '../../lib/time';
import { ApprovalProgress } from '../ApprovalProgress';
import { CancelRequestButton } from '../CancelRequestButton';
import { ExpiryCountdown } from '../ExpiryCountdown';
import { ExtendGrantButton } from '../ExtendGrantButton';
import { GrantStateIndicator } from '../GrantStateIndicator';
import { BreakGlassChip } from '../BreakGlass/BreakGlassChip';
import { RevokeGrantButton } from '../RevokeGrantButton';

const useStyles = makeStyles({
  // Words never break inside; long names end in an ellipsis with the whole
  // name as a tooltip.
  nowrap: { whiteSpace: 'nowrap' },
  ellipsis: {
    display: 'block',
    maxWidth: 280,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  row: { cursor: 'pointer' },
});

export interface GrantsTableProps {
  grants: Grant[];
  title?: string;
  loading?: boolean;
  /** Show the resource column (off on a resource's own page). */
  showResource?: boolean;
  /** Offer Extend next to Revoke. */
  showExtend?: boolean;
  emptyContent?: ReactNode;
  onChange?: (grant: Grant) => void;
}

/** `sandbox-analytics-raw` for `arn:aws:s3:::sandbox-analytics-raw`. */
export function resourceName(resourceArn: string): string {
  const resource = parseArn(resourceArn)?.resource ?? resourceArn;
  return resource.split(/[/:]/).pop() || resource;
}

/** `s3:GetObject, s3:ListBucket` or `s3:GetObject and 4 more`. */
function actionsSummary(actions: string[]): string {
  return actions.length <= 2
    ? actions.join(', ')
    : `${actions[0]} and ${actions.length - 1} more`;
}

/**
 * Grants as a Backstage table. Every row opens the grant's details (its
 * first cell is the link, and a click anywhere on the row follows it);
 * revoke, extend and cancel stay in the last column, which never wraps.
 * Narrow screens move the time left under the state, drop the requester
 * and stack the buttons, so the buttons always stay on screen.
 * The requester and the request time share a column, so that five columns
 * and the buttons fit a 1440 px page.
 */
export function GrantsTable(props: GrantsTableProps) {
  const {
    grants,
    title,
    loading,
    showResource = false,
    showExtend = false,
    emptyContent,
    onChange,
  } = props;
  const classes = useStyles();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('lg'), { noSsr: true });
  const detailsLink = useGrantDetailsLink();
  const navigate = useNavigate();

  // Stable columns: material-table resets its state when they change.
  const columns: TableColumn<Grant>[] = useMemo(
    () => [
      {
        title: showResource ? 'Resource' : 'Access',
        field: showResource ? 'resourceArn' : 'actions',
        width: '28%',
        render: grant => (
          <Box minWidth={0}>
            <Link
              to={detailsLink(grant.id)}
              className={classes.ellipsis}
              title={`${grant.resourceArn}\n${grant.actions.join(', ')}`}
              data-testid="grant-row-link"
            >
              {showResource
                ? resourceName(grant.resourceArn)
                : actionsSummary(grant.actions)}
            </Link>
            {showResource && (
              <Typography
                variant="caption"
                color="textSecondary"
                className={classes.ellipsis}
              >
                {actionsSummary(grant.actions)}
              </Typography>
            )}
            {!wide && (
              // Narrow: who asked, under what was asked.
              <Typography
                variant="caption"
                component="span"
                className={classes.ellipsis}
              >
                <EntityRefLink entityRef={grant.requester} defaultKind="user" />
              </Typography>
            )}
          </Box>
        ),
      },
      {
        title: 'State',
        field: 'state',
        width: '16%',
        render: grant => (
          <Box className={classes.nowrap}>
            <GrantStateIndicator state={grant.state} />
            <BreakGlassChip grant={grant} />
            <ApprovalProgress grant={grant} dense />
            {!wide && (
              // Narrow: the time left sits under the state.
              <Typography variant="caption" component="div">
                <ExpiryCountdown grant={grant} />
              </Typography>
            )}
          </Box>
        ),
      },
      {
        title: 'Requested',
        field: 'createdAt',
        width: '24%',
        hidden: !wide,
        render: grant => (
          <Box minWidth={0}>
            <span className={classes.ellipsis}>
              <EntityRefLink entityRef={grant.requester} defaultKind="user" />
            </span>
            {wide && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="span"
                className={classes.ellipsis}
                title={formatDateTime(grant.createdAt)}
              >
                {formatRelative(grant.createdAt)}
              </Typography>
            )}
          </Box>
        ),
      },
      {
        title: 'Time left',
        field: 'expiresAt',
        width: '18%',
        hidden: !wide,
        render: grant => (
          <span className={classes.nowrap}>
            <ExpiryCountdown grant={grant} />
          </span>
        ),
      },
      {
        title: '',
        field: 'id',
        sorting: false,
        width: '1%',
        cellStyle: { whiteSpace: 'nowrap' },
        render: grant => (
          // Clicks on the buttons (and in their dialogs) stay here: they do
          // not open the row.
          <Box
            display="flex"
            flexDirection={wide ? 'row' : 'column'}
            alignItems="flex-end"
            justifyContent="flex-end"
            style={{ gap: 8 }}
            onClick={e => e.stopPropagation()}
          >
            {showExtend && canExtend(grant) && (
              <ExtendGrantButton grant={grant} onExtended={onChange} />
            )}
            {canRevoke(grant) && (
              <RevokeGrantButton grant={grant} onRevoked={onChange} />
            )}
            <CancelRequestButton grant={grant} onCancelled={onChange} />
          </Box>
        ),
      },
    ],
    [classes, wide, detailsLink, showResource, showExtend, onChange],
  );

  return (
    <Table<Grant>
      title={title}
      columns={columns}
      data={grants}
      isLoading={loading}
      emptyContent={emptyContent}
      onRowClick={(_event, grant) => grant && navigate(detailsLink(grant.id))}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        draggable: false,
      }}
    />
  );
}
