import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { InputError, stringifyError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_AWS_PRINCIPAL_ARN,
  parseArn,
} from 'backstage-plugin-aws-access-common';
import { AccountConfig } from '../config/AwsAccessConfig';

/**
 * Who may assume a grant's role: the requester's own AWS principal(s), from
 * the `aws.amazon.com/principal-arn` annotation of their user entity (one ARN,
 * or a comma or newline separated list). Those in the target account win;
 * otherwise their principals elsewhere (an identity account, as with SSO or a
 * central IAM account) are trusted across accounts. Only a user without any
 * annotation falls back to the account's configured `trustPrincipalArns`.
 * A grant is for its requester, not for everyone in the account.
 */
export class PrincipalResolver {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  async resolve(
    userEntityRef: string,
    account: AccountConfig,
  ): Promise<string[]> {
    const annotated = (await this.annotatedPrincipals(userEntityRef)).filter(
      arn => parseArn(arn)?.accountId,
    );
    const inAccount = annotated.filter(
      arn => parseArn(arn)?.accountId === account.accountId,
    );
    const own = inAccount.length ? inAccount : annotated;
    if (own.length) {
      return [...new Set(own)];
    }
    if (account.trustPrincipalArns.length) {
      return account.trustPrincipalArns;
    }
    throw new InputError(
      `no AWS principal may assume a role for ${userEntityRef} in account ${account.accountId}: ` +
        `annotate the user entity with ${ANNOTATION_AWS_PRINCIPAL_ARN} (the IAM ARN they sign in to AWS with), ` +
        `or configure trustPrincipalArns for the account`,
    );
  }

  private async annotatedPrincipals(userEntityRef: string): Promise<string[]> {
    try {
      const entity = await this.options.catalog.getEntityByRef(userEntityRef, {
        credentials: await this.options.auth.getOwnServiceCredentials(),
      });
      const value =
        entity?.metadata.annotations?.[ANNOTATION_AWS_PRINCIPAL_ARN];
      return (value ?? '').split(/[\s,]+/).filter(Boolean);
    } catch (error) {
      this.options.logger.warn(
        `Could not read ${userEntityRef} from the catalog: ${stringifyError(
          error,
        )}`,
      );
      return [];
    }
  }
}
