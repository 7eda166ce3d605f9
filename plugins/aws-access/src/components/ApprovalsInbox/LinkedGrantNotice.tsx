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
import { Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type {
  Grant,
  GrantEvent,
  GrantState,
} from '@backstage-aws-access/plugin-aws-access-common';
import { useGrant } from '../../hooks';
import { isSameEntityRef } from '../../lib/entityRefs';
import { apiErrorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/time';
import { ActorLink } from '../ActorLink';
import { ApprovalProgress } from '../ApprovalProgress';
import { CancelRequestButton } from '../CancelRequestButton';
import { GrantStateIndicator } from '../GrantStateIndicator';
import { ApprovalRow } from './ApprovalRow';
import { hasApproved, useApprovableGrants } from './useApprovableGrants';
import { ResourceArn, UserText } from '../UserText';

/** States a grant only reaches after its approval. */
const APPROVED_STATES: readonly GrantState[] = [
  'provisioning',
  'active',
  'revoking',
  'revoked',
  'expired',
];

/** What every part of the notice knows of the user and the inbox. */
interface NoticeProps {
  userRef?: string;
  /** Called after the user changed the request here (cancelled it). */
  onChange: () => void;
}

/** The last event that moved the grant into `state`. */
function lastEventInto(
  events: GrantEvent[] | undefined,
  state: GrantState,
): GrantEvent | undefined {
  return [...(events ?? [])]
    .filter(event => event.toState === state)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .pop();
}

function WhatWasAsked(props: { grant: Grant }) {
  const { grant } = props;
  return (
    <Typography variant="body2">
      <EntityRefLink entityRef={grant.requester} defaultKind="user" /> asked for{' '}
      {grant.actions.join(', ')} on <ResourceArn arn={grant.resourceArn} />: “
      <UserText>{grant.reason}</UserText>”
    </Typography>
  );
}

function NowState(props: { state: GrantState }) {
  return (
    <Typography variant="body2" component="div">
      It is now <GrantStateIndicator state={props.state} />
    </Typography>
  );
}

/** Why a request that is still pending is not in this user's inbox. */
function PendingElsewhere(props: NoticeProps & { grant: Grant }) {
  const { grant, userRef, onChange } = props;
  const own = isSameEntityRef(grant.requester, userRef);
  let title: string;
  let detail: string;
  if (own) {
    title = 'This is your own request';
    detail = 'Someone else must approve it.';
  } else if (hasApproved(grant, userRef)) {
    title = 'You have approved this request';
    detail = 'It still waits for more approvals.';
  } else {
    title = 'You cannot approve this request';
    detail = 'It waits for approvers you are not among.';
  }
  return (
    <Alert severity="info">
      <AlertTitle>{title}</AlertTitle>
      <WhatWasAsked grant={grant} />
      <Typography variant="body2">{detail}</Typography>
      <ApprovalProgress grant={grant} dense />
      {own && (
        <Box mt={1}>
          <CancelRequestButton grant={grant} onCancelled={onChange} />
        </Box>
      )}
    </Alert>
  );
}

/** Who ended a request, when, and the words they gave. */
function EndedBy(props: { verb: string; event: GrantEvent }) {
  const { verb, event } = props;
  return (
    <>
      {verb} by <ActorLink actor={event.actor} /> on{' '}
      {formatDateTime(event.createdAt)}
      {event.reason && (
        <>
          : “<UserText>{event.reason}</UserText>”
        </>
      )}
    </>
  );
}

/** What became of a request that is no longer pending, and who decided. */
function Decided(props: { grant: Grant & { events?: GrantEvent[] } }) {
  const { grant } = props;
  let title: string;
  let detail: ReactNode = null;

  if (grant.state === 'rejected') {
    const event = lastEventInto(grant.events, 'rejected');
    title = 'This request was already rejected';
    if (event?.data?.timedOut || event?.actor === 'system') {
      detail = (
        <>
          Nobody decided in time
          {event.reason && (
            <>
              : <UserText>{event.reason}</UserText>
            </>
          )}
        </>
      );
    } else if (event) {
      detail = <EndedBy verb="Rejected" event={event} />;
    }
  } else if (grant.state === 'cancelled') {
    const event = lastEventInto(grant.events, 'cancelled');
    title = 'This request was already cancelled';
    if (event) {
      detail = <EndedBy verb="Cancelled" event={event} />;
    }
  } else if (
    APPROVED_STATES.includes(grant.state) ||
    grant.approvedAt ||
    grant.approvedBy
  ) {
    title = 'This request was already approved';
    if (grant.approvedBy) {
      detail = (
        <>
          Approved by <ActorLink actor={grant.approvedBy} />
          {grant.approvedAt && ` on ${formatDateTime(grant.approvedAt)}`}
        </>
      );
    }
  } else {
    title = 'This request is no longer pending';
  }

  return (
    <Alert severity="info">
      <AlertTitle>{title}</AlertTitle>
      <WhatWasAsked grant={grant} />
      {detail && <Typography variant="body2">{detail}</Typography>}
      <NowState state={grant.state} />
    </Alert>
  );
}

function FetchedNotice(props: NoticeProps & { grantId: string }) {
  const { grantId, userRef, onChange } = props;
  const grant = useGrant(grantId);
  const changed = () => {
    grant.refresh();
    onChange();
  };
  // The inbox's list may be older than the link (or cut short): a pending
  // request the user may decide on is offered here rather than refused.
  const approvable = useApprovableGrants(
    grant.value?.state === 'pending' ? [grant.value] : [],
    userRef,
  );
  if (
    grant.loading ||
    (grant.value?.state === 'pending' && !approvable.value)
  ) {
    return <Progress />;
  }
  if (approvable.value?.length && grant.value) {
    return <ApprovalRow grant={grant.value} highlighted onDecided={changed} />;
  }
  if (!grant.value) {
    return (
      <Alert severity="warning" role="alert">
        <AlertTitle>The linked request could not be shown</AlertTitle>
        {apiErrorMessage(grant.error ?? new Error(`grant ${grantId}`))}
      </Alert>
    );
  }
  return grant.value.state === 'pending' ? (
    <PendingElsewhere
      grant={grant.value}
      userRef={userRef}
      onChange={changed}
    />
  ) : (
    <Decided grant={grant.value} />
  );
}

/**
 * Explains a request a link (`?grant=<id>`) pointed to that is not in the
 * inbox: decided already (by whom, and its state now), the user's own, or
 * one they may not approve.
 */
export function LinkedGrantNotice(
  props: NoticeProps & {
    grantId: string;
    /** The request, when it is still in the pending list. */
    pending?: Grant;
  },
) {
  const { grantId, pending, userRef, onChange } = props;
  return (
    <Box mb={2}>
      {pending ? (
        <PendingElsewhere
          grant={pending}
          userRef={userRef}
          onChange={onChange}
        />
      ) : (
        <FetchedNotice
          grantId={grantId}
          userRef={userRef}
          onChange={onChange}
        />
      )}
    </Box>
  );
}
