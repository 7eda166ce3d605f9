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

import { ReactNode } from 'react';
import { StructuredMetadataTable } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { AccessBundle } from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import { useAccountLabel, useCurrentUserRef } from '../../hooks';
import { isSameEntityRef } from '../../lib/entityRefs';
import { canRevoke, extensionBlockedReason } from '../../lib/grantStates';
import { formatDateTime, formatDuration } from '../../lib/time';
import { ActorLink } from '../ActorLink';
import { ApprovalProgress } from '../ApprovalProgress';
import { ExpiryCountdown } from '../ExpiryCountdown';
import { ExtendGrantButton } from '../ExtendGrantButton';
import { GrantStateIndicator } from '../GrantStateIndicator';
import { UserText } from '../UserText';
import { BundleEndButton } from './BundleEndButton';
import { BundleParts } from './BundleParts';
import { targetsOf } from '../../lib/bundleTargets';

/**
 * One bundle: its state, the expiry its parts share, who approved, its
 * parts, and Revoke / Extend / Cancel for all of it where allowed.
 */
export function BundleDetails(props: {
  bundle: AccessBundle;
  onChange: () => void;
}) {
  const { bundle, onChange } = props;
  const api = useApi(awsAccessApiRef);
  const user = useCurrentUserRef();
  const accountLabel = useAccountLabel();
  const active = bundle.grants.find(g => g.state === 'active');
  const resources = bundle.grants.flatMap(targetsOf).length;
  const mine = isSameEntityRef(bundle.requester, user.value);

  const metadata: Record<string, ReactNode> = {
    State: <GrantStateIndicator state={bundle.state} />,
    'Time left': (
      <ExpiryCountdown
        grant={{
          state: active ? 'active' : bundle.grants[0]?.state ?? 'pending',
          expiresAt: bundle.expiresAt,
          durationMinutes: bundle.durationMinutes,
          endedAt: active ? undefined : bundle.grants[0]?.endedAt,
        }}
      />
    ),
    Expires: formatDateTime(bundle.expiresAt),
    Resources: `${resources} in ${bundle.grants.length} ${
      bundle.grants.length === 1 ? 'account' : 'accounts'
    }`,
    Duration: formatDuration(bundle.durationMinutes),
    Requester: (
      <EntityRefLink entityRef={bundle.requester} defaultKind="user" />
    ),
    Reason: <UserText>{bundle.reason}</UserText>,
    Requested: formatDateTime(bundle.createdAt),
  };
  if (bundle.approvals?.length) {
    metadata['Approved by'] = (
      <>
        {bundle.approvals.map((approval, i) => (
          <span key={`${approval.approver}-${approval.createdAt}`}>
            {i > 0 && ', '}
            <ActorLink actor={approval.approver} /> (
            {formatDateTime(approval.createdAt)})
          </span>
        ))}
      </>
    );
  }
  const failures = bundle.grants.filter(g => g.lastError);

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      {bundle.state === 'pending' && (
        <Alert severity="info">
          This request waits for one decision over all its parts. Every part
          becomes active once it is approved.
          <ApprovalProgress grant={{ ...bundle, state: 'pending' }} />
        </Alert>
      )}
      {failures.map(grant => (
        <Alert severity="error" role="alert" key={grant.id}>
          Account {accountLabel(grant.accountId)}:{' '}
          <UserText>{grant.lastError!}</UserText>
        </Alert>
      ))}
      <StructuredMetadataTable metadata={metadata} dense />
      {active && extensionBlockedReason(active) && (
        <Alert severity="info">{extensionBlockedReason(active)}</Alert>
      )}
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        {bundle.state === 'active' &&
          active &&
          active.extension?.allowed !== false &&
          api.extendBundle && (
            <ExtendGrantButton
              grant={{ ...active, expiresAt: bundle.expiresAt }}
              extend={async request => {
                const extended = await api.extendBundle!(bundle.id, request);
                return { ...active, expiresAt: extended.expiresAt };
              }}
              onExtended={onChange}
            />
          )}
        {bundle.grants.some(canRevoke) && (
          <BundleEndButton bundle={bundle} verb="revoke" onDone={onChange} />
        )}
        {bundle.state === 'pending' && mine && (
          <BundleEndButton bundle={bundle} verb="cancel" onDone={onChange} />
        )}
      </Box>
      <Typography variant="h6" component="h2">
        Parts
      </Typography>
      <BundleParts grants={bundle.grants} />
    </Box>
  );
}
