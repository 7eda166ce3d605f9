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

import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import {
  revokeGrantRequestSchema,
  type AccessBundle,
} from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import {
  ConfirmGrantActionButton,
  useOptionalNote,
} from '../ConfirmGrantActionDialog';

const WORDS = {
  revoke: {
    label: 'Revoke all',
    title: 'Revoke the whole request?',
    keep: 'Cancel',
    busy: 'Revoking…',
    done: 'Access revoked',
    text: (n: number) =>
      `Every part loses its access at once: ${n} ${
        n === 1 ? 'role is' : 'roles are'
      } deleted. This cannot be undone; ask again if the access is needed later.`,
  },
  cancel: {
    label: 'Cancel request',
    title: 'Cancel this request?',
    keep: 'Keep request',
    busy: 'Cancelling…',
    done: 'Request cancelled',
    text: () =>
      'The whole request is withdrawn and the approvers no longer see it. Request access again if you need it later.',
  },
};

/**
 * Ends a whole bundle, after a confirmation with an optional reason:
 * `revoke` (active parts lose their roles) or `cancel` (the requester
 * withdraws it while it waits for approval).
 */
export function BundleEndButton(props: {
  bundle: AccessBundle;
  verb: keyof typeof WORDS;
  onDone: () => void;
}) {
  const { bundle, verb, onDone } = props;
  const api = useApi(awsAccessApiRef);
  const reason = useOptionalNote('reason', revokeGrantRequestSchema);
  const words = WORDS[verb];

  const end = async () => {
    const call = verb === 'revoke' ? api.revokeBundle : api.cancelBundle;
    await call!.call(api, bundle.id, reason.body);
    reason.clear();
    onDone();
    return words.done;
  };

  return (
    <ConfirmGrantActionButton
      label={words.label}
      color="secondary"
      size="medium"
      idPrefix={`aws-access-bundle-${verb}`}
      title={words.title}
      note={reason.note}
      cancelLabel={words.keep}
      confirmLabel={words.label}
      busyLabel={words.busy}
      confirmColor="secondary"
      confirmDisabled={Boolean(reason.note.error)}
      onConfirm={end}
    >
      <DialogContentText>{words.text(bundle.grants.length)}</DialogContentText>
    </ConfirmGrantActionButton>
  );
}
