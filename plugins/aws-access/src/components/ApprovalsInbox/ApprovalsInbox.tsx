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

import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useSearchParams } from 'react-router-dom';
import { useCurrentUserRef } from '../../hooks';
import { approvalEntries, entryHas } from './approvalEntries';
import { ApprovalRow } from './ApprovalRow';
import { LinkedGrantNotice } from './LinkedGrantNotice';
import { useApprovableGrants } from './useApprovableGrants';
import { usePendingGrants } from './usePendingGrants';

function waitingCount(count: number, incomplete: boolean): string {
  const more = incomplete ? ' or more' : '';
  return count === 1 && !incomplete
    ? '1 request waits for you'
    : `${count}${more} requests wait for you`;
}

/**
 * The approvals inbox: pending requests of other people that the signed-in
 * user may approve or reject, each with the comment dialog.
 *
 * It reads every page of pending requests and says how many wait, so a
 * flood of requests from one user cannot hide another's.
 *
 * Notifications link here with `?grant=<id>`: that request comes first,
 * highlighted and scrolled into view; when it is no longer in the inbox
 * (decided meanwhile, the user's own, or not theirs to approve) a notice at
 * the top says why.
 */
export function ApprovalsInbox() {
  const [searchParams] = useSearchParams();
  const linkedId = searchParams.get('grant') || undefined;
  const user = useCurrentUserRef();
  const pending = usePendingGrants();
  const approvable = useApprovableGrants(pending.value?.items, user.value);

  if ((pending.loading && !pending.value) || user.loading) {
    return <Progress />;
  }
  if (pending.error && !pending.value) {
    return <ResponseErrorPanel error={pending.error} />;
  }
  if (user.error) {
    return <ResponseErrorPanel error={user.error} />;
  }
  if (approvable.error) {
    return <ResponseErrorPanel error={approvable.error} />;
  }
  if (!approvable.value) {
    return <Progress />;
  }

  const items = approvable.value;
  const linked = linkedId ? items.find(g => g.id === linkedId) : undefined;
  const entries = approvalEntries(items);
  const first = linkedId ? entries.find(e => entryHas(e, linkedId)) : undefined;
  const ordered = first
    ? [first, ...entries.filter(e => e !== first)]
    : entries;

  return (
    <>
      {pending.error && <ResponseErrorPanel error={pending.error} />}
      {linkedId && !linked && (
        <LinkedGrantNotice
          key={linkedId}
          grantId={linkedId}
          pending={pending.value?.items.find(g => g.id === linkedId)}
          userRef={user.value}
          onChange={pending.refresh}
        />
      )}
      {ordered.length === 0 ? (
        <EmptyState
          missing="data"
          title="Nothing waits for your approval"
          description="Requests that need your approval appear here."
        />
      ) : (
        <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
          <Typography variant="h6" component="h2">
            {waitingCount(ordered.length, Boolean(pending.value?.nextCursor))}
          </Typography>
          {ordered.map(entry => (
            <ApprovalRow
              key={entry.key}
              grant={entry.grant}
              parts={entry.parts}
              highlighted={entry === first}
              onDecided={pending.refresh}
            />
          ))}
        </Box>
      )}
    </>
  );
}
