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
import {
  revokeGrantRequestSchema,
  type Grant,
  type RevokeGrantRequest,
} from '@backstage-aws-access/plugin-aws-access-common';
import { ConfirmGrantActionButton } from './ConfirmGrantActionButton';
import { useOptionalNote } from './useOptionalNote';

/**
 * A confirmed action that ends a grant (revoke, cancel). Both take the same
 * body, an optional reason, so both check it against the revoke schema.
 */
export function EndGrantButton(props: {
  label: string;
  color?: 'secondary';
  size: 'small' | 'medium';
  idPrefix: string;
  title: string;
  /** The words of the button that closes the dialog and ends nothing. */
  keepLabel: string;
  busyLabel: string;
  /** What the user is told once the grant has ended. */
  doneMessage: string;
  end: (body: RevokeGrantRequest) => Promise<Grant>;
  onEnded?: (grant: Grant) => void;
  /** What ending it means, for the dialog. */
  children: ReactNode;
}) {
  const { end, onEnded, doneMessage, keepLabel, children, ...button } = props;
  const reason = useOptionalNote(
    'reason',
    'Reason (optional)',
    revokeGrantRequestSchema,
  );

  return (
    <ConfirmGrantActionButton
      {...button}
      note={reason.note}
      cancelLabel={keepLabel}
      confirmLabel={props.label}
      confirmColor="secondary"
      confirmDisabled={Boolean(reason.note.error)}
      onConfirm={async () => {
        const ended = await end(reason.body);
        reason.clear();
        onEnded?.(ended);
        return doneMessage;
      }}
    >
      {children}
    </ConfirmGrantActionButton>
  );
}
