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

import { GrantRecord } from '../database/types';
import { changeActionRegistrar } from './changeActions';
import {
  GrantActionsContext,
  grantIdInput,
  grantOutput,
  grantOutputOf,
} from './grantActionSchemas';

/** The changes to one grant: revoke, extend, cancel, approve, reject. */
export function registerChangeActions(ctx: GrantActionsContext): void {
  const { grants, authorization } = ctx;
  const grantAction = changeActionRegistrar<GrantRecord, GrantRecord>({
    ...ctx,
    idField: 'grantId',
    idInput: grantIdInput,
    output: grantOutput,
    authorize: (credentials, permission, id, verb) =>
      authorization.authorizedGrant(credentials, permission, id, verb),
    present: record => grantOutputOf(grants, record).output,
  });

  grantAction({
    verb: 'revoke',
    name: 'revoke-grant',
    title: 'Revoke an AWS access grant',
    description:
      'Ends a grant now: its IAM role loses its policy and is deleted. A pending request is cancelled. Revoking an ended grant changes nothing.',
    run: grants.revokeGrant,
  });
  grantAction({
    verb: 'extend',
    name: 'extend-grant',
    title: 'Extend an AWS access grant',
    description:
      'Extends an active grant by durationMinutes (from its current expiry), within the configured maximum and total lifetime. ' +
      'Where the approval rules ask for approval, extension is refused: request access anew instead.',
    run: grants.extendGrant,
  });
  grantAction({
    verb: 'cancel',
    name: 'cancel-request',
    title: 'Cancel a pending AWS access request',
    description:
      'Withdraws a request still waiting for approval; it ends cancelled. An active grant is revoked with revoke-grant instead.',
    run: grants.cancelGrant,
  });
  grantAction({
    verb: 'approve',
    name: 'approve-request',
    title: 'Approve a pending AWS access request',
    description:
      'Records your approval of someone else’s pending request (never your own). The approval that completes the requirement starts provisioning, and the grant’s clock starts then.',
    run: grants.approveGrant,
  });
  grantAction({
    verb: 'reject',
    name: 'reject-request',
    title: 'Reject a pending AWS access request',
    description:
      'Rejects someone else’s pending request; it ends rejected. One approver’s rejection is enough.',
    run: grants.rejectGrant,
  });
}
