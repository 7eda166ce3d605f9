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

import type { ReactNode } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  revokeGrantRequestSchema,
  type Grant,
} from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import { ConfirmGrantActionButton } from './ConfirmGrantActionButton';
import { useOptionalNote } from './useOptionalNote';

/** The words of each way to end a grant. */
const ENDINGS = {
  revoke: {
    label: 'Revoke',
    color: 'secondary',
    idPrefix: 'aws-access-revoke',
    title: 'Revoke access?',
    cancelLabel: 'Cancel',
    busyLabel: 'Revoking…',
    done: 'Access revoked',
  },
  cancel: {
    label: 'Cancel request',
    color: undefined,
    idPrefix: 'aws-access-cancel',
    title: 'Cancel this request?',
    cancelLabel: 'Keep request',
    busyLabel: 'Cancelling…',
    done: 'Request cancelled',
  },
} as const;

/**
 * A confirmed action that ends a grant: revoking it, or cancelling a
 * request. Both take the same body, an optional reason, so both check it
 * against the revoke schema.
 */
export function EndGrantButton(props: {
  grant: Grant;
  ending: keyof typeof ENDINGS;
  size: 'small' | 'medium';
  onEnded?: (grant: Grant) => void;
  /** What ending it means, for the dialog. */
  children: ReactNode;
}) {
  const { grant, ending, onEnded, children, size } = props;
  const api = useApi(awsAccessApiRef);
  const { done, ...words } = ENDINGS[ending];
  const reason = useOptionalNote('reason', revokeGrantRequestSchema);

  return (
    <ConfirmGrantActionButton
      {...words}
      size={size}
      note={reason.note}
      confirmLabel={words.label}
      confirmColor="secondary"
      confirmDisabled={Boolean(reason.note.error)}
      onConfirm={async () => {
        const ended =
          ending === 'revoke'
            ? await api.revokeGrant(grant.id, reason.body)
            : await api.cancelGrant(grant.id, reason.body);
        reason.clear();
        onEnded?.(ended);
        return done;
      }}
    >
      {children}
    </ConfirmGrantActionButton>
  );
}
