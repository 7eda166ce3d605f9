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

import type { AccountConfig } from '../config/AwsAccessConfig';

/**
 * Who may assume a grant's role, and why those.
 *
 * @public
 */
export interface ResolvedPrincipals {
  principalArns: string[];
  /**
   * `annotation`: the requester's own, from their user entity (or the
   * installed {@link AwsPrincipalSource}).
   * `fallback`: the account's `trustPrincipalArns` (opt-in, audited).
   */
  source: 'annotation' | 'fallback';
  /** Things an admin should know, e.g. a shared role is trusted. */
  warnings: string[];
}

/**
 * Where a user's AWS principal ARNs come from. The default reads the
 * `aws.amazon.com/principal-arn` annotation of the user entity. Whatever the
 * source answers, the plugin still refuses account roots, wildcards, other
 * partitions and accounts outside `awsAccess.principals.allowedAccountIds`.
 *
 * @public
 */
export interface AwsPrincipalSource {
  /**
   * The principal ARNs of this user; an empty list when none are known.
   * Throw `NotAllowedError` to refuse the request with a message for the user.
   */
  principalsOf(userEntityRef: string): Promise<string[]>;
}

/**
 * Resolves the principals a grant's role trusts, for one user and account.
 *
 * @public
 */
export interface AwsPrincipalResolver {
  resolve(
    userEntityRef: string,
    account: AccountConfig,
  ): Promise<ResolvedPrincipals>;
}
