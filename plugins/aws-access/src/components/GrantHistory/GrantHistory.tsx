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
