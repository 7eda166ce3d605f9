import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type { GrantState } from '@backstage-aws-access/plugin-aws-access-common';
import { grantStateLabel } from '../../lib/grantStates';

const STATUS_COMPONENTS: Record<
  GrantState,
  (props: { children?: React.ReactNode }) => JSX.Element
> = {
  pending: StatusPending,
  provisioning: StatusRunning,
  active: StatusOK,
  revoking: StatusRunning,
  revoked: StatusAborted,
  expired: StatusAborted,
  rejected: StatusWarning,
  cancelled: StatusAborted,
  failed: StatusError,
};

/** A grant's state as Backstage's status dot and a word. */
export function GrantStateIndicator(props: { state: GrantState }) {
  const Status = STATUS_COMPONENTS[props.state] ?? StatusPending;
  return <Status>{grantStateLabel(props.state)}</Status>;
}
