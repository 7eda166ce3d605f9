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

import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parse as parseArn, validate } from '@aws-sdk/util-arn-parser';
import {
  NotAllowedError,
  ServiceUnavailableError,
  stringifyError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_AWS_PRINCIPAL_ARN } from '@backstage-aws-access/plugin-aws-access-common';
import {
  AccountConfig,
  partitionOf,
  type AwsPrincipalResolver,
  type AwsPrincipalSource,
  type ResolvedPrincipals,
} from '@backstage-aws-access/plugin-aws-access-node';

export type { ResolvedPrincipals };

export interface PrincipalPolicy {
  /** Accounts annotated principals may live in. */
  allowedAccountIds: () => string[];
  /** Whether an account's `trustPrincipalArns` stand in for a user without principals. */
  allowFallback: () => boolean;
}

const NAME = /^[\w+=,.@-]+$/;

/**
 * Why `arn` cannot be trusted as one person's principal, or undefined.
 * Accepted: an IAM user, an IAM role (shared: warned), or one session of a
 * role (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`, which binds a
 * shared SSO role to one person). Never an account root, a wildcard, a
 * group, or another partition.
 */
export function principalProblem(
  arn: string,
  partition: string,
  allowedAccountIds: string[],
): string | undefined {
  if (/[*?${}]/.test(arn)) return 'wildcards and variables are not allowed';
  if (!validate(arn)) return 'not an ARN';
  const parsed = parseArn(arn);
  if (parsed.partition !== partition) {
    return `partition ${parsed.partition} is not the account's (${partition})`;
  }
  if (!allowedAccountIds.includes(parsed.accountId)) {
    return `account ${parsed.accountId} is not one principals may come from`;
  }
  if (parsed.region) return 'IAM principals carry no region';
  if (parsed.resource === 'root') {
    return 'an account root stands for everyone in the account';
  }
  const parts = parsed.resource.split('/');
  const kind = parts[0];
  const names = parts.slice(1);
  if (names.length === 0 || !names.every(n => NAME.test(n))) {
    return 'not a user, role or role session';
  }
  if (parsed.service === 'iam' && (kind === 'user' || kind === 'role')) {
    return undefined;
  }
  if (
    parsed.service === 'sts' &&
    kind === 'assumed-role' &&
    names.length === 2
  ) {
    return undefined;
  }
  return 'not a user, role or role session';
}

/**
 * Who may assume a grant's role: the requester's own AWS principal(s), from
 * the `aws.amazon.com/principal-arn` annotation of their user entity (one
 * ARN, or a comma or newline separated list). Those in the target account
 * win; otherwise their principals elsewhere (an identity account) are
 * trusted across accounts. A user entity that cannot be read is refused,
 * never replaced by a fallback: deleting someone's entity must not move
 * their grants onto somebody else's principal.
 */
export class PrincipalResolver implements AwsPrincipalResolver {
  constructor(
    private readonly options: {
      /** Where principals come from instead of the user entity's annotation. */
      source?: AwsPrincipalSource;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      policy: PrincipalPolicy;
    },
  ) {}

  async resolve(
    userEntityRef: string,
    account: AccountConfig,
  ): Promise<ResolvedPrincipals> {
    const annotated = await this.annotatedPrincipals(userEntityRef);
    const allowed = this.options.policy.allowedAccountIds();
    const problems: string[] = [];
    const usable = annotated.filter(arn => {
      const problem = principalProblem(arn, partitionOf(account), allowed);
      if (problem) problems.push(`${arn}: ${problem}`);
      return !problem;
    });
    if (problems.length) {
      this.options.logger.warn(
        `Ignoring principals of ${userEntityRef}: ${problems.join('; ')}`,
      );
    }
    const accountOf = (arn: string) => parseArn(arn).accountId;
    const inAccount = usable.filter(
      arn => accountOf(arn) === account.accountId,
    );
    const own = [...new Set(inAccount.length ? inAccount : usable)];
    if (own.length) {
      const shared = own.filter(arn => /^arn:[^:]+:iam::\d+:role\//.test(arn));
      const warnings = shared.map(
        arn =>
          `${arn} is a role: everyone who can assume it can use this grant; annotate a role session (arn:…:sts::ACCOUNT:assumed-role/ROLE/SESSION) to bind it to one person`,
      );
      for (const warning of warnings) {
        this.options.logger.warn(`Grant for ${userEntityRef}: ${warning}`);
      }
      return { principalArns: own, source: 'annotation', warnings };
    }
    if (annotated.length) {
      throw new NotAllowedError(
        `no AWS principal is known for you: the ${ANNOTATION_AWS_PRINCIPAL_ARN} annotation of ${userEntityRef} names none that may be trusted (${problems.join(
          '; ',
        )})`,
      );
    }
    if (
      this.options.policy.allowFallback() &&
      account.trustPrincipalArns.length
    ) {
      this.options.logger.warn(
        `Grant for ${userEntityRef} trusts account ${
          account.accountId
        }'s fallback principals ${account.trustPrincipalArns.join(
          ', ',
        )}: the user entity names none`,
      );
      return {
        principalArns: account.trustPrincipalArns,
        source: 'fallback',
        warnings: [
          `trusts the account's fallback principals, not ${userEntityRef}'s own`,
        ],
      };
    }
    throw new NotAllowedError(
      `no AWS principal is known for you: ask an administrator to annotate ${userEntityRef} with ${ANNOTATION_AWS_PRINCIPAL_ARN} (the IAM ARN you sign in to AWS with)`,
    );
  }

  private async annotatedPrincipals(userEntityRef: string): Promise<string[]> {
    if (this.options.source) {
      return this.options.source.principalsOf(userEntityRef);
    }
    let entity;
    try {
      entity = await this.options.catalog.getEntityByRef(userEntityRef, {
        credentials: await this.options.auth.getOwnServiceCredentials(),
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not read ${userEntityRef} from the catalog: ${stringifyError(
          error,
        )}`,
      );
      // Still no fallback, but a 503: the request may work on a retry (the
      // catalog's database restarting, say), unlike a missing entity.
      throw new ServiceUnavailableError(
        'no AWS principal is known for you yet: your user entity could not be read from the catalog; try again shortly',
      );
    }
    if (!entity) {
      throw new NotAllowedError(
        `no AWS principal is known for you: ${userEntityRef} is not in the catalog`,
      );
    }
    const value = entity.metadata.annotations?.[ANNOTATION_AWS_PRINCIPAL_ARN];
    return (value ?? '').split(/[\s,]+/).filter(Boolean);
  }
}
