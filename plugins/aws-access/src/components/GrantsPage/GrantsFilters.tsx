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

import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  GRANT_STATES,
  type GrantState,
} from '@backstage-aws-access/plugin-aws-access-common';
import useAsync from 'react-use/esm/useAsync';
import { awsAccessApiRef } from '../../api';
import { apiErrorMessage } from '../../lib/errors';
import { grantStateLabel } from '../../lib/grantStates';

export interface GrantsFilterValues {
  scope: 'mine' | 'all';
  state: GrantState | '';
  accountId: string;
  resourceArn: string;
}

const ANY = '';

/** Mine / all, state, account and resource filters of the grants page. */
export function GrantsFilters(props: {
  value: GrantsFilterValues;
  onChange: (value: GrantsFilterValues) => void;
}) {
  const { value, onChange } = props;
  const api = useApi(awsAccessApiRef);
  const accounts = useAsync(
    async () => (await api.listAccounts()).items,
    [api],
  );
  const set = (patch: Partial<GrantsFilterValues>) =>
    onChange({ ...value, ...patch });

  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      mb={2}
      style={{ gap: 16 }}
      role="search"
      aria-label="Filter grants"
    >
      <ToggleButtonGroup
        exclusive
        size="small"
        value={value.scope}
        onChange={(_, scope) => scope && set({ scope })}
        aria-label="Whose grants"
      >
        <ToggleButton value="mine">Mine</ToggleButton>
        <ToggleButton value="all">All</ToggleButton>
      </ToggleButtonGroup>
      <FormControl style={{ minWidth: 180 }}>
        <InputLabel id="aws-access-filter-state" shrink>
          State
        </InputLabel>
        <Select
          labelId="aws-access-filter-state"
          name="state"
          value={value.state}
          onChange={e => set({ state: e.target.value as GrantState | '' })}
          displayEmpty
        >
          <MenuItem value={ANY}>Any state</MenuItem>
          {GRANT_STATES.map(state => (
            <MenuItem key={state} value={state}>
              {grantStateLabel(state)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl
        style={{ minWidth: 220 }}
        error={Boolean(accounts.error)}
        disabled={accounts.loading}
      >
        <InputLabel id="aws-access-filter-account" shrink>
          Account
        </InputLabel>
        <Select
          labelId="aws-access-filter-account"
          name="accountId"
          // Until the accounts load, an account from the URL is not an
          // option yet: show "Any account" rather than an unknown value.
          value={
            (accounts.value ?? []).some(a => a.accountId === value.accountId)
              ? value.accountId
              : ANY
          }
          onChange={e => set({ accountId: e.target.value as string })}
          displayEmpty
        >
          <MenuItem value={ANY}>Any account</MenuItem>
          {(accounts.value ?? []).map(account => (
            <MenuItem key={account.accountId} value={account.accountId}>
              {account.name} ({account.accountId})
            </MenuItem>
          ))}
        </Select>
        {accounts.error && (
          <Box component="span" fontSize="caption.fontSize" role="alert">
            {apiErrorMessage(accounts.error)}
          </Box>
        )}
      </FormControl>
      <TextField
        id="aws-access-filter-resource"
        label="Resource ARN"
        value={value.resourceArn}
        onChange={e => set({ resourceArn: e.target.value })}
        style={{ minWidth: 320, flexGrow: 1 }}
        placeholder="arn:aws:s3:::my-bucket"
      />
    </Box>
  );
}
