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
