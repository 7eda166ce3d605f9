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
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import DialogContentText from '@material-ui/core/DialogContentText';
import {
  decisionRequestSchema,
  type Grant,
} from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import {
  ConfirmGrantActionDialog,
  useOptionalNote,
} from '../ConfirmGrantActionDialog';
import { targetsOf } from '../../lib/bundleTargets';
import { ResourceArn, UserText } from '../UserText';

export type Decision = 'approve' | 'reject';

const WORDS: Record<
  Decision,
  { title: string; verb: string; busy: string; done: string }
> = {
  approve: {
    title: 'Approve access?',
    verb: 'Approve',
    busy: 'Approving…',
    done: 'Approved',
  },
  reject: {
    title: 'Reject access?',
    verb: 'Reject',
    busy: 'Rejecting…',
    done: 'Rejected',
  },
};

/**
 * Asks for an optional comment, then approves or rejects. The comment is
 * recorded in the grant's history and shown to the requester. For a part
 * of a bundle (`grant.bundleId`) the decision is one over the whole
 * bundle, whose `parts` the dialog lists.
 */
export function DecisionDialog(props: {
  grant: Grant;
  parts?: Grant[];
  decision: Decision;
  open: boolean;
  onClose: () => void;
  onDecided: () => void;
}) {
  const { grant, parts, decision, open, onClose, onDecided } = props;
  const api = useApi(awsAccessApiRef);
  const comment = useOptionalNote('comment', decisionRequestSchema);
  const words = WORDS[decision];

  const bundleId = grant.bundleId;
  const decide = async () => {
    if (bundleId) {
      const call =
        decision === 'approve' ? api.approveBundle : api.rejectBundle;
      await call!.call(api, bundleId, comment.body);
    } else if (decision === 'approve') {
      await api.approveGrant(grant.id, comment.body);
    } else {
      await api.rejectGrant(grant.id, comment.body);
    }
    comment.clear();
    onDecided();
    return words.done;
  };
  const what = (parts ?? [grant]).flatMap(targetsOf);

  return (
    <ConfirmGrantActionDialog
      open={open}
      onClose={onClose}
      idPrefix={`aws-access-${decision}`}
      title={words.title}
      note={comment.note}
      cancelLabel="Cancel"
      confirmLabel={words.verb}
      busyLabel={words.busy}
      confirmColor={decision === 'approve' ? 'primary' : 'secondary'}
      confirmDisabled={Boolean(comment.note.error)}
      onConfirm={decide}
    >
      <DialogContentText>
        <EntityDisplayName entityRef={grant.requester} defaultKind="user" />{' '}
        asks for{' '}
        {what.map((target, i) => (
          <span key={target.resourceArn}>
            {i > 0 && '; '}
            {target.actions.join(', ')} on{' '}
            <ResourceArn arn={target.resourceArn} />
          </span>
        ))}{' '}
        for {grant.durationMinutes} minutes: “
        <UserText>{grant.reason}</UserText>”
      </DialogContentText>
      {bundleId && (
        <DialogContentText>
          One decision for all {what.length} resources.
        </DialogContentText>
      )}
    </ConfirmGrantActionDialog>
  );
}
