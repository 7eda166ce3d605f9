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

import {
  decisionRequestSchema,
  extendGrantRequestSchema,
  grantApprovePermission,
  grantExtendPermission,
  grantRevokePermission,
  revokeGrantRequestSchema,
} from '@backstage-aws-access/plugin-aws-access-common';
import { z } from 'zod';
import { parseInput } from '../http/parseInput';

const revoking = {
  permission: grantRevokePermission,
  body: revokeGrantRequestSchema,
};
const deciding = {
  permission: grantApprovePermission,
  body: decisionRequestSchema,
};

/**
 * The changes to one grant, as the REST API and the actions both offer
 * them: the permission each needs on every grant it touches, and the body
 * it takes, validated at the edge with its `-common` schema so that the
 * grant API never sees raw input. A bundle's changes are the same verbs.
 */
export const GRANT_CHANGES = {
  revoke: revoking,
  cancel: revoking,
  extend: { permission: grantExtendPermission, body: extendGrantRequestSchema },
  approve: deciding,
  reject: deciding,
};

/** A change to a grant or a bundle, by its verb. */
export type GrantChangeVerb = keyof typeof GRANT_CHANGES;

/** The validated body of a change. */
export type GrantChangeBody<V extends GrantChangeVerb> = z.output<
  (typeof GRANT_CHANGES)[V]['body']
>;

/** An approver's decision (`POST /grants/:id/approve`, `/reject`). */
export type GrantDecision = GrantChangeBody<'approve'>;
/** A revocation or cancellation (`/revoke`, `/cancel`). */
export type RevokeGrantInput = GrantChangeBody<'revoke'>;
/** An extension (`POST /grants/:id/extend`). */
export type ExtendGrantInput = GrantChangeBody<'extend'>;

/** Validates the body of a change with its schema: a 400 naming the field. */
export function parseChangeBody<V extends GrantChangeVerb>(
  verb: V,
  body: unknown,
): GrantChangeBody<V> {
  // TypeScript does not narrow the table's schema by a generic key.
  return parseInput(GRANT_CHANGES[verb].body, body) as GrantChangeBody<V>;
}
