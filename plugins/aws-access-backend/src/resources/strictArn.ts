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

import { parse as parseWithSdk, validate } from '@aws-sdk/util-arn-parser';
import { InputError } from '@backstage/errors';

/** A resource ARN that passed {@link parseResourceArn}. */
export interface StrictArn {
  arn: string;
  partition: string;
  service: string;
  /** Empty for global resources such as S3 buckets and IAM roles. */
  region: string;
  /** Empty for resources whose ARN carries no account (S3 buckets). */
  accountId: string;
  /** Everything after the fifth colon, e.g. `bucket/reports/2026`. */
  resource: string;
  /**
   * True for `…/prefix/*`: every sub-resource under a prefix (objects under
   * a key prefix). The only wildcard a request may name, and only as its
   * whole last segment.
   */
  isPrefix: boolean;
}

/** IAM's limit on a resource ARN in a policy. */
const MAX_ARN_LENGTH = 2048;

/**
 * Characters that mean something to IAM or to the catalog rather than to
 * the resource: `${…}` is a policy variable AWS substitutes at call time,
 * `*` and `?` are wildcards, `,` and `|` split catalog filters.
 */
const SPECIAL = /[${}*?,|]/;
const SPECIAL_MEANING: Record<string, string> = {
  $: 'policy variables',
  '{': 'policy variables',
  '}': 'policy variables',
  '*': 'wildcards (a prefix ends in /*)',
  '?': 'wildcards (a prefix ends in /*)',
  ',': 'separators',
  '|': 'separators',
};

/**
 * Characters a person cannot see or that render differently from what IAM
 * compares: white space, controls, format characters (zero-width, bidi),
 * and anything outside printable ASCII, so that a look-alike never passes
 * for a catalogued name.
 */
const UNSEEN = /[^\x21-\x7E]/;

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

function refuse(arn: string, why: string): never {
  throw new InputError(`resourceArn: '${printable(arn)}' ${why}`);
}

/** The ARN as it can be shown in an error: bounded, controls escaped. */
function printable(text: string): string {
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return shown.replace(
    /[^\x20-\x7E]/gu,
    c => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
}

/**
 * Parses the ARN of a resource someone asks access to, refusing anything
 * that could make the granted policy mean more than the text shows:
 * policy variables, wildcards (but a trailing `/*` prefix), filter
 * separators, invisible characters, `.`/`..` and empty path segments.
 * Throws `InputError` naming `resourceArn` and what is wrong.
 */
export function parseResourceArn(text: unknown): StrictArn {
  if (typeof text !== 'string' || text === '') {
    throw new InputError('resourceArn: an ARN is required');
  }
  if (text.length > MAX_ARN_LENGTH) {
    refuse(text, `is longer than ${MAX_ARN_LENGTH} characters`);
  }
  const unseen = UNSEEN.exec(text);
  if (unseen) {
    refuse(
      text,
      `contains U+${unseen[0]
        .codePointAt(0)!
        .toString(16)
        .toUpperCase()
        .padStart(4, '0')}; ARNs are printable ASCII`,
    );
  }
  const isPrefix = text.endsWith('/*');
  const body = isPrefix ? text.slice(0, -2) : text;
  const special = SPECIAL.exec(body);
  if (special) {
    const what = SPECIAL_MEANING[special[0]];
    refuse(text, `contains '${special[0]}': ${what} are not allowed`);
  }
  if (!validate(body)) {
    refuse(
      text,
      'is not an ARN (arn:partition:service:region:account:resource)',
    );
  }
  const parsed = parseWithSdk(body);
  if (!/^aws(-[a-z]+)*$/.test(parsed.partition)) {
    refuse(text, `names an unknown partition '${parsed.partition}'`);
  }
  if (!/^[a-z0-9-]+$/.test(parsed.service)) {
    refuse(text, `names an invalid service '${parsed.service}'`);
  }
  if (parsed.region && !REGION.test(parsed.region)) {
    refuse(text, `names an invalid region '${parsed.region}'`);
  }
  if (parsed.accountId && !ACCOUNT_ID.test(parsed.accountId)) {
    refuse(text, `names an invalid account '${parsed.accountId}'`);
  }
  // Log groups legitimately start a part with '/' (`log-group:/aws/x`);
  // anything else empty (`a//b`, a trailing '/') names nothing.
  if (/^[/:]|\/\/|::|\/:|[/:]$/.test(parsed.resource)) {
    refuse(text, 'has an empty path segment');
  }
  const segments = parsed.resource.split(/[/:]/);
  if (segments.some(segment => segment === '.' || segment === '..')) {
    refuse(text, "has a '.' or '..' path segment");
  }
  return { arn: text, ...parsed, isPrefix };
}

/**
 * The ARNs a resource could be a sub-resource of, nearest first:
 * `arn:aws:s3:::b/reports/2026` → `…:::b/reports`, `…:::b`. Only `/`
 * separates a child from its parent; the resource type's own prefix
 * (`table/`, `instance/`) is never an ARN of its own.
 */
export function parentArns(arn: StrictArn): string[] {
  const head = `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.accountId}:`;
  const parts = arn.resource.split('/');
  const parents: string[] = [];
  for (let end = parts.length - 1; end >= 1; end--) {
    parents.push(`${head}${parts.slice(0, end).join('/')}`);
  }
  return parents;
}
