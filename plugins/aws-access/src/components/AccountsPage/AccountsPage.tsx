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
import {
  Content,
  ContentHeader,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import {
  adminPermission,
  type AwsAccount,
} from '@backstage-aws-access/plugin-aws-access-common';
import { AddAccountDialog } from './AddAccountDialog';
import useAsync from 'react-use/esm/useAsync';
import { awsAccessApiRef } from '../../api';
import { DialogButton } from '../DialogButton';
import { OffboardButton } from './OffboardButton';
import { OnboardingDialog } from './OnboardingDialog';

function AccountStatusCell(props: { account: AwsAccount }) {
  const { status, statusMessage } = props.account;
  if (status === 'connected') {
    return <StatusOK>Connected</StatusOK>;
  }
  if (status === 'outdated') {
    // Reachable, but the stack predates what grants need: no new grants.
    return (
      <>
        <StatusWarning>Update needed</StatusWarning>
        {statusMessage && (
          <Typography variant="body2" color="textSecondary">
            {statusMessage}
          </Typography>
        )}
      </>
    );
  }
  if (status === 'error') {
    return (
      <>
        <StatusError>Error</StatusError>
        {statusMessage && (
          <Typography variant="body2" color="textSecondary">
            {statusMessage}
          </Typography>
        )}
      </>
    );
  }
  return <StatusPending>Not checked yet</StatusPending>;
}

/**
 * "AWS accounts" admin page: each configured account with its connection
 * status, the CloudFormation stack that connects it, and offboarding.
 */
export function AccountsPage() {
  const api = useApi(awsAccessApiRef);
  const [onboarding, setOnboarding] = useState<AwsAccount>();
  const [adding, setAdding] = useState(false);
  const { value, loading, error } = useAsync(() => api.listAccounts(), [api]);
  // Onboarding and offboarding are for aws-access administrators; others
  // see the accounts and their status only.
  const admin = usePermission({ permission: adminPermission });

  const columns: TableColumn<AwsAccount>[] = [
    { title: 'Name', field: 'name' },
    { title: 'Account', field: 'accountId' },
    { title: 'Regions', render: a => a.regions.join(', ') },
    {
      title: 'Status',
      field: 'status',
      render: account => <AccountStatusCell account={account} />,
    },
    {
      title: 'Roles',
      render: account => <AccountRolesCell account={account} />,
    },
    ...(admin.allowed
      ? [
          {
            title: '',
            render: (account: AwsAccount) => (
              <Box display="flex" style={{ gap: 8, whiteSpace: 'nowrap' }}>
                <DialogButton
                  size="small"
                  onOpen={() => setOnboarding(account)}
                >
                  CloudFormation
                </DialogButton>
                <OffboardButton account={account} />
              </Box>
            ),
          },
        ]
      : []),
  ];

  return (
    <Content>
      <ContentHeader title="AWS accounts">
        {admin.allowed && (
          <DialogButton
            variant="contained"
            color="primary"
            onOpen={() => setAdding(true)}
          >
            Add an account
          </DialogButton>
        )}
      </ContentHeader>
      {error ? (
        <ResponseErrorPanel error={error} />
      ) : (
        <Table<AwsAccount>
          title="Connected accounts"
          options={{ paging: false, search: false, padding: 'dense' }}
          isLoading={loading}
          columns={columns}
          data={value?.items ?? []}
        />
      )}
      {!admin.loading && !admin.allowed && (
        <Typography variant="body2" color="textSecondary" paragraph>
          Accounts are added and removed by aws-access administrators; ask them
          to connect another account.
        </Typography>
      )}
      {adding && <AddAccountDialog onClose={() => setAdding(false)} />}
      {onboarding && (
        <OnboardingDialog
          account={onboarding}
          onClose={() => setOnboarding(undefined)}
        />
      )}
    </Content>
  );
}

/** The onboarding stack's version, or how the backend reaches the account without one. */
function AccountRolesCell({ account }: { account: AwsAccount }) {
  if (account.updateAvailable) {
    return (
      <Chip
        size="small"
        color="secondary"
        label={`Update available (deployed v${account.templateVersion})`}
      />
    );
  }
  if (account.templateVersion !== undefined) {
    return (
      <>
        Manager and reader roles, from the onboarding stack (version{' '}
        {account.templateVersion})
      </>
    );
  }
  // No manager role configured: the backend acts with its own credentials.
  return <>No roles in the account: Backstage uses its own AWS credentials</>;
}
