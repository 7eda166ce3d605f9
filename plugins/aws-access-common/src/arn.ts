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

import { parse, validate } from '@aws-sdk/util-arn-parser';

/**
 * The parts of an Amazon Resource Name.
 *
 * @public
 */
export interface ParsedArn {
  partition: string;
  service: string;
  /** Empty for global resources such as S3 buckets and IAM roles. */
  region: string;
  /** Empty for resources whose ARN carries no account (S3 buckets). */
  accountId: string;
  /** Everything after the fifth colon, e.g. `bucket-name` or `instance/i-123`. */
  resource: string;
}

// Any partition AWS has or adds (aws, aws-cn, aws-us-gov, aws-iso-e,
// aws-eusc, …): a list of today's would refuse tomorrow's.
const PARTITION = /^aws(-[a-z]+)*$/;
const SERVICE = /^[a-z0-9-]+$/;
const REGION = /^[a-z0-9-]*$/;
// `aws` stands in the account field of AWS-managed policies.
const ACCOUNT = /^(\d{12}|aws|)$/;

/**
 * Parses an ARN, or returns `undefined` when the text is not one. Splitting
 * is the AWS SDK's (`@aws-sdk/util-arn-parser`); on top, each part must be
 * well formed, and wildcards are refused: a grant names one concrete
 * resource.
 *
 * @public
 */
export function parseArn(text: string): ParsedArn | undefined {
  if (
    typeof text !== 'string' ||
    text.length > 2048 ||
    /[*?\s]/.test(text) ||
    !validate(text)
  ) {
    return undefined;
  }
  const { partition, service, region, accountId, resource } = parse(text);
  const wellFormed =
    PARTITION.test(partition) &&
    SERVICE.test(service) &&
    REGION.test(region) &&
    ACCOUNT.test(accountId) &&
    resource !== '';
  return wellFormed
    ? { partition, service, region, accountId, resource }
    : undefined;
}

/**
 * The AWS console switch-role link for a role, in the format AWS documents
 * (IAM user guide, "Grant a user permissions to switch roles"):
 * `https://signin.aws.amazon.com/switchrole?account=ID&roleName=PATH/NAME&displayName=TEXT`.
 * The console needs the role's path in `roleName`, without its leading
 * slash (`backstage-access/my-role`); it refuses roles whose path and name
 * together are longer than 64 characters.
 *
 * @public
 */
export function switchRoleUrl(options: {
  accountId: string;
  roleName: string;
  /** The role's IAM path, e.g. `/backstage-access/`. Default `/`. */
  rolePath?: string;
  /** Shown in the console's header while the role is in use; at most 64 characters. */
  displayName?: string;
}): string {
  const path = (options.rolePath ?? '/').replace(/^\/+/, '');
  const query = [
    `account=${encodeURIComponent(options.accountId)}`,
    // IAM paths and names hold no character that needs encoding but `+`
    // and `=`, and `/` may stay as it is in a query (RFC 3986).
    `roleName=${encodeURIComponent(`${path}${options.roleName}`).replace(
      /%2F/g,
      '/',
    )}`,
  ];
  if (options.displayName) {
    query.push(
      `displayName=${encodeURIComponent(
        Array.from(options.displayName).slice(0, 64).join(''),
      )}`,
    );
  }
  return `https://signin.aws.amazon.com/switchrole?${query.join('&')}`;
}
