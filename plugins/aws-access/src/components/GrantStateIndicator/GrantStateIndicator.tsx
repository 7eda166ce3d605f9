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
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type { BundleState } from '@backstage-aws-access/plugin-aws-access-common';
import { grantStateLabel } from '../../lib/grantStates';

const STATUS_COMPONENTS: Record<
  BundleState,
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
  partial: StatusWarning,
};

/** A grant's (or a bundle's) state as Backstage's status dot and a word. */
export function GrantStateIndicator(props: { state: BundleState }) {
  const Status = STATUS_COMPONENTS[props.state] ?? StatusPending;
  return <Status>{grantStateLabel(props.state)}</Status>;
}
