import { ReactNode } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { canExtend, canRevoke } from '../../lib/grantStates';
import { formatDateTime } from '../../lib/time';
import { ApprovalProgress } from '../ApprovalProgress';
import { CancelRequestButton } from '../CancelRequestButton';
import { ExpiryCountdown } from '../ExpiryCountdown';
import { ExtendGrantButton } from '../ExtendGrantButton';
import { GrantStateIndicator } from '../GrantStateIndicator';
import { RevokeGrantButton } from '../RevokeGrantButton';
import { UserText } from '../UserText';

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

/**
 * Grants as a Backstage table, with revoke (and extend) per row; a pending
 * request shows its approval progress, and its requester can cancel it.
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

  const columns: TableColumn<Grant>[] = [
    {
      title: 'State',
      field: 'state',
      render: grant => (
        <>
          <GrantStateIndicator state={grant.state} />
          <ApprovalProgress grant={grant} dense />
        </>
      ),
    },
    {
      title: 'Requester',
      field: 'requester',
      render: grant => (
        <EntityRefLink entityRef={grant.requester} defaultKind="user" />
      ),
    },
    ...(showResource
      ? [
          {
            title: 'Resource',
            field: 'resourceArn',
            render: (grant: Grant) => (
              <Typography variant="body2" style={{ wordBreak: 'break-all' }}>
                {grant.resourceArn}
              </Typography>
            ),
          },
          { title: 'Account', field: 'accountId' },
        ]
      : []),
    {
      title: 'Actions',
      field: 'actions',
      render: grant => grant.actions.join(', '),
    },
    {
      title: 'Time left',
      field: 'expiresAt',
      render: grant => <ExpiryCountdown grant={grant} />,
    },
    {
      title: 'Requested',
      field: 'createdAt',
      render: grant => formatDateTime(grant.createdAt),
    },
    {
      title: 'Reason',
      field: 'reason',
      render: grant => <UserText>{grant.reason}</UserText>,
    },
    {
      title: '',
      field: 'id',
      sorting: false,
      render: grant => (
        <Box display="flex" style={{ gap: 8 }}>
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
  ];

  return (
    <Table<Grant>
      title={title}
      columns={columns}
      data={grants}
      isLoading={loading}
      emptyContent={emptyContent}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        draggable: false,
      }}
    />
  );
}
