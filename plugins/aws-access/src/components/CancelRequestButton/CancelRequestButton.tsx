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

import DialogContentText from '@material-ui/core/DialogContentText';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { useCurrentUserRef } from '../../hooks';
import { isSameEntityRef } from '../../lib/entityRefs';
import { EndGrantButton } from '../ConfirmGrantActionDialog';

/**
 * "Cancel request" with a confirmation dialog, for the requester of a
 * pending grant; renders nothing for anyone else or once the grant is no
 * longer pending. Approvers end other people's requests by rejecting them
 * in the approvals inbox.
 */
export function CancelRequestButton(props: {
  grant: Grant;
  onCancelled?: (grant: Grant) => void;
  size?: 'small' | 'medium';
}) {
  const { grant, onCancelled, size = 'small' } = props;
  const user = useCurrentUserRef();

  if (
    grant.state !== 'pending' ||
    !isSameEntityRef(grant.requester, user.value)
  ) {
    return null;
  }

  return (
    <EndGrantButton
      grant={grant}
      ending="cancel"
      size={size}
      onEnded={onCancelled}
    >
      <DialogContentText>
        Your request for {grant.actions.join(', ')} on{' '}
        <code>{grant.resourceArn}</code> is withdrawn and the approvers no
        longer see it. Request access again if you need it later.
      </DialogContentText>
    </EndGrantButton>
  );
}
