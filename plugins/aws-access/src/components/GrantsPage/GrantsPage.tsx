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
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  GRANT_STATES,
  type GrantState,
  type ListGrantsQuery,
} from '@backstage-aws-access/plugin-aws-access-common';
import { useSearchParams } from 'react-router-dom';
import useDebounce from 'react-use/esm/useDebounce';
import { useCurrentUserRef, useGrants } from '../../hooks';
import { GrantsTable } from '../GrantsTable';
import { GrantsFilters, GrantsFilterValues } from './GrantsFilters';
import { LinkedGrant } from './LinkedGrant';
import { AccessReviewExport } from '../AccessReviewExport';

export const GRANTS_PAGE_SIZE = 20;

function GrantsList(props: { query: ListGrantsQuery; onReset: () => void }) {
  // The API pages with opaque cursors; a stack of the cursors seen lets
  // people go back as well as forward.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const grants = useGrants({
    ...props.query,
    limit: GRANTS_PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
  });

  if (grants.loading) {
    return <Progress />;
  }
  if (grants.error && !grants.value) {
    return <ResponseErrorPanel error={grants.error} />;
  }
  const items = grants.value?.items ?? [];
  const nextCursor = grants.value?.nextCursor;
  if (items.length === 0 && cursors.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No grants"
        description="No grant matches these filters. Request access from an AWS resource's page in the catalog."
        action={
          <Button variant="outlined" color="primary" onClick={props.onReset}>
            Clear filters
          </Button>
        }
      />
    );
  }
  return (
    <>
      {grants.error && <ResponseErrorPanel error={grants.error} />}
      <GrantsTable
        title="Grants"
        grants={items}
        showResource
        showExtend
        onChange={grants.refresh}
      />
      <Box
        display="flex"
        justifyContent="flex-end"
        alignItems="center"
        mt={1}
        style={{ gap: 8 }}
        component="nav"
        aria-label="Pages of grants"
      >
        <Typography variant="body2" color="textSecondary">
          Page {cursors.length + 1}
        </Typography>
        <Button
          size="small"
          disabled={cursors.length === 0}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          Previous
        </Button>
        <Button
          size="small"
          disabled={!nextCursor}
          onClick={() => nextCursor && setCursors([...cursors, nextCursor])}
        >
          Next
        </Button>
      </Box>
    </>
  );
}

const INITIAL_FILTERS: GrantsFilterValues = {
  scope: 'mine',
  state: '',
  accountId: '',
  resourceArn: '',
};

/**
 * Grants across all resources: mine or everyone's (as far as permissions
 * allow), filtered by state, account and resource, page by page.
 *
 * Notifications link here with `?grant=<id>`: that grant's details show in
 * place of the list, with a way back to it.
 */
export function GrantsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const linkedId = searchParams.get('grant') || undefined;
  if (linkedId) {
    const back = () => {
      const rest = new URLSearchParams(searchParams);
      rest.delete('grant');
      setSearchParams(rest);
    };
    return <LinkedGrant key={linkedId} grantId={linkedId} onBack={back} />;
  }
  return <AllGrants />;
}

/** The filters as URL parameters (`scope`, `state`, `account`, `resource`), so a filtered list can be shared and survives a reload. */
function filtersFromUrl(params: URLSearchParams): GrantsFilterValues {
  const state = params.get('state') ?? '';
  return {
    scope: params.get('scope') === 'all' ? 'all' : 'mine',
    state: (GRANT_STATES as readonly string[]).includes(state)
      ? (state as GrantState)
      : '',
    accountId: params.get('account') ?? '',
    resourceArn: params.get('resource') ?? '',
  };
}

function useFiltersInUrl(): [
  GrantsFilterValues,
  (next: GrantsFilterValues) => void,
] {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromUrl(params);
  const setFilters = (next: GrantsFilterValues) => {
    const updated = new URLSearchParams(params);
    const entries: Array<[string, string]> = [
      ['scope', next.scope === 'all' ? 'all' : ''],
      ['state', next.state],
      ['account', next.accountId],
      ['resource', next.resourceArn],
    ];
    for (const [key, value] of entries) {
      if (value) {
        updated.set(key, value);
      } else {
        updated.delete(key);
      }
    }
    setParams(updated, { replace: true });
  };
  return [filters, setFilters];
}

/** The filters and the list. */
function AllGrants() {
  const user = useCurrentUserRef();
  const [filters, setFilters] = useFiltersInUrl();
  const [resourceArn, setResourceArn] = useState('');
  useDebounce(() => setResourceArn(filters.resourceArn.trim()), 400, [
    filters.resourceArn,
  ]);

  const query: ListGrantsQuery = {
    ...(filters.scope === 'mine' && user.value
      ? { requester: user.value }
      : {}),
    ...(filters.state ? { state: [filters.state] } : {}),
    ...(filters.accountId ? { accountId: filters.accountId } : {}),
    ...(resourceArn ? { resourceArn } : {}),
  };

  return (
    <>
      <AccessReviewExport />
      <GrantsFilters value={filters} onChange={setFilters} />
      {user.loading && <Progress />}
      {user.error && <ResponseErrorPanel error={user.error} />}
      {!user.loading && (
        // A new query starts again from the first page.
        <GrantsList
          key={JSON.stringify(query)}
          query={query}
          onReset={() => setFilters({ ...INITIAL_FILTERS, scope: 'all' })}
        />
      )}
    </>
  );
}
