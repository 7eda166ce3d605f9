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

import { createHash } from 'node:crypto';
import { parseArn } from '@backstage-aws-access/plugin-aws-access-common';

/** The catalog's limit on `metadata.name`. */
const MAX_NAME_LENGTH = 63;
const HASH_LENGTH = 8;

/**
 * Turns free text into something the catalog accepts as `metadata.name`:
 * letters, digits and single `-`, `_` or `.` between them.
 */
function sanitize(text: string, maxLength: number): string {
  return text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, match => match[0])
    .slice(0, maxLength)
    .replace(/^[._-]+|[._-]+$/g, '');
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, HASH_LENGTH);
}

/**
 * The entity name of an AWS resource, computed from its ARN alone, so the
 * grants provider can point `dependsOn` at the resource entity without a
 * catalog query. Readable (`s3-orders-bucket-1a2b3c4d`,
 * `ec2-instance-i-0abc-…`) and unique across accounts, regions and types: the
 * hash covers the whole ARN, and the readable part is cut to fit 63 chars.
 *
 * @public
 */
export function resourceEntityName(arn: string): string {
  const parsed = parseArn(arn);
  const readable = parsed
    ? `${parsed.service}-${parsed.resource}`
    : arn.replace(/^arn:[^:]*:/, '');
  const prefix = sanitize(readable, MAX_NAME_LENGTH - HASH_LENGTH - 1);
  const hash = shortHash(arn);
  return prefix ? `${prefix}-${hash}` : hash;
}

/**
 * The entity name of the grant with this id.
 *
 * @public
 */
export function grantEntityName(grantId: string): string {
  const readable = sanitize(`grant-${grantId}`, MAX_NAME_LENGTH);
  return readable === `grant-${grantId}`
    ? readable
    : `${sanitize(readable, MAX_NAME_LENGTH - HASH_LENGTH - 1)}-${shortHash(
        grantId,
      )}`;
}
