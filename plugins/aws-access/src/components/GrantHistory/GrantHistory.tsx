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

import { Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { GrantEvent } from '@backstage-aws-access/plugin-aws-access-common';
import { grantStateLabel } from '../../lib/grantStates';
import { ActorLink } from '../ActorLink';
import { formatDateTime } from '../../lib/time';
import { UserText } from '../UserText';

const columns: TableColumn<GrantEvent>[] = [
  {
    title: 'When',
    field: 'createdAt',
    render: event => formatDateTime(event.createdAt),
  },
  { title: 'What', field: 'type' },
  {
    title: 'State',
    field: 'toState',
    render: event =>
      event.toState
        ? `${
            event.fromState ? `${grantStateLabel(event.fromState)} → ` : ''
          }${grantStateLabel(event.toState)}`
        : '—',
  },
  {
    title: 'Who',
    field: 'actor',
    render: event => <ActorLink actor={event.actor} />,
  },
  {
    title: 'Why',
    field: 'reason',
    render: event => (event.reason ? <UserText>{event.reason}</UserText> : '—'),
  },
];

/** A grant's append-only history: who did what, when and why. */
export function GrantHistory(props: { events: GrantEvent[]; title?: string }) {
  const { events, title = 'History' } = props;
  return (
    <Table<GrantEvent>
      title={title}
      columns={columns}
      data={[...events].sort((a, b) => b.createdAt.localeCompare(a.createdAt))}
      emptyContent={
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ padding: 16 }}
        >
          No events recorded yet.
        </Typography>
      }
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        toolbar: true,
      }}
    />
  );
}
