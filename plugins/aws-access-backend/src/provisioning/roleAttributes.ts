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

import type { Tag } from '@aws-sdk/client-iam';
import {
  TAG_EXPIRES_AT,
  TAG_GRANT_ID,
  TAG_REQUESTER,
} from '@backstage-aws-access/plugin-aws-access-common';
import { GrantRoleSpec } from '@backstage-aws-access/plugin-aws-access-node';

/** IAM's bounds on `MaxSessionDuration`: one to twelve hours. */
const MIN_SESSION_SECONDS = 3_600;
const MAX_SESSION_SECONDS = 43_200;
const HOUR_MS = 3_600_000;

/**
 * The longest session the role allows: the time left until expiry, rounded
 * up to whole hours, within IAM's bounds. Sessions cannot usefully outlive
 * the grant anyway (the policies stop working at `expiresAt`); this keeps
 * the console and CLI from offering far longer ones.
 */
export function maxSessionDurationSeconds(
  expiresAt: Date,
  now: Date = new Date(),
): number {
  const hours = Math.ceil((expiresAt.getTime() - now.getTime()) / HOUR_MS);
  return Math.min(
    MAX_SESSION_SECONDS,
    Math.max(MIN_SESSION_SECONDS, hours * 3_600),
  );
}

/** IAM tag values: letters, digits, spaces and `_.:/=+-@`, at most 256. */
export function tagValue(text: string): string {
  return text.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, '_').slice(0, 256);
}

/** IAM role descriptions: printable Latin-1, at most 1,000 characters. */
function description(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\u007E\u00A1-\u00FF]/g, '?')
    .slice(0, 1000);
}

/**
 * Tag naming the Backstage installation that created a grant role, so that
 * two installations sharing an account never remove each other's roles.
 * Within `backstage-access:*`, the only tag keys the manager may set.
 */
export const TAG_INSTALLATION = 'backstage-access:installation';

/** The installation id when `awsAccess.installationId` is not set and cannot be derived. */
export const DEFAULT_INSTALLATION_ID = 'default';

export function grantTags(
  spec: Pick<GrantRoleSpec, 'grantId' | 'requester' | 'expiresAt'>,
  installationId?: string,
): Tag[] {
  return [
    { Key: TAG_GRANT_ID, Value: tagValue(spec.grantId) },
    { Key: TAG_REQUESTER, Value: tagValue(spec.requester) },
    { Key: TAG_EXPIRES_AT, Value: spec.expiresAt.toISOString() },
    ...(installationId
      ? [{ Key: TAG_INSTALLATION, Value: tagValue(installationId) }]
      : []),
  ];
}

export function roleDescription(
  spec: Pick<GrantRoleSpec, 'grantId' | 'requester'>,
): string {
  return description(
    `Backstage AWS access grant ${spec.grantId} for ${spec.requester}. Managed by Backstage; deleted when the grant ends.`,
  );
}
