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

import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import DialogContentText from '@material-ui/core/DialogContentText';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { EndGrantButton } from '../ConfirmGrantActionDialog';

/**
 * "Revoke" with a confirmation dialog. IAM access ends at once: the role's
 * policy is deleted before the role.
 */
export function RevokeGrantButton(props: {
  grant: Grant;
  onRevoked?: (grant: Grant) => void;
  size?: 'small' | 'medium';
}) {
  const { grant, onRevoked, size = 'small' } = props;

  return (
    <EndGrantButton
      grant={grant}
      ending="revoke"
      size={size}
      onEnded={onRevoked}
    >
      <DialogContentText>
        <EntityDisplayName entityRef={grant.requester} defaultKind="user" />{' '}
        loses {grant.actions.join(', ')} on <code>{grant.resourceArn}</code> at
        once. This cannot be undone; ask again if the access is needed later.
      </DialogContentText>
    </EndGrantButton>
  );
}
