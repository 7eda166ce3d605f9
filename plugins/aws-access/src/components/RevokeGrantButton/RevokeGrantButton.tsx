import { useApi } from '@backstage/core-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import DialogContentText from '@material-ui/core/DialogContentText';
import {
  revokeGrantRequestSchema,
  type Grant,
} from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import {
  ConfirmGrantActionButton,
  useOptionalNote,
} from '../ConfirmGrantActionDialog';

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
  const api = useApi(awsAccessApiRef);
  const reason = useOptionalNote(
    'reason',
    'Reason (optional)',
    revokeGrantRequestSchema,
  );

  const revoke = async () => {
    const revoked = await api.revokeGrant(grant.id, reason.body);
    reason.clear();
    onRevoked?.(revoked);
    return 'Access revoked';
  };

  return (
    <ConfirmGrantActionButton
      label="Revoke"
      color="secondary"
      size={size}
      idPrefix="aws-access-revoke"
      title="Revoke access?"
      note={reason.note}
      cancelLabel="Cancel"
      confirmLabel="Revoke"
      busyLabel="Revoking…"
      confirmColor="secondary"
      confirmDisabled={Boolean(reason.note.error)}
      onConfirm={revoke}
    >
      <DialogContentText>
        <EntityDisplayName entityRef={grant.requester} defaultKind="user" />{' '}
        loses {grant.actions.join(', ')} on <code>{grant.resourceArn}</code> at
        once. This cannot be undone; ask again if the access is needed later.
      </DialogContentText>
    </ConfirmGrantActionButton>
  );
}
