import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { stringifyError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_ARN,
} from 'backstage-plugin-aws-access-common';
import { AccountConfig } from '../config/AwsAccessConfig';

/** `team-a` in `spec.owner` means `group:default/team-a`. */
function normalizeGroupRef(ref: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Finds the configured account a resource lives in. Most ARNs name it; some
 * (S3 buckets) do not, and then the caller's `accountId`, the catalog entity
 * with that ARN, or the only configured account decides, in that order.
 */
export class AccountResolver {
  constructor(
    private readonly options: {
      accounts: () => AccountConfig[];
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  async resolve(
    resourceArn: string,
    arnAccountId: string,
    requestedAccountId?: string,
  ): Promise<AccountConfig> {
    if (arnAccountId) {
      if (requestedAccountId && requestedAccountId !== arnAccountId) {
        throw new InputError(
          `accountId ${requestedAccountId} does not match the account in resourceArn (${arnAccountId})`,
        );
      }
      return this.configured(arnAccountId, 'resourceArn');
    }
    if (requestedAccountId) {
      return this.configured(requestedAccountId, 'accountId');
    }
    const fromCatalog = await this.accountFromCatalog(resourceArn);
    if (fromCatalog) {
      return this.configured(fromCatalog, 'resourceArn');
    }
    const accounts = this.options.accounts();
    if (accounts.length === 1) {
      return accounts[0];
    }
    throw new InputError(
      `accountId: the account of ${resourceArn} is ambiguous, pass accountId`,
    );
  }

  /**
   * What the approval rules and permission conditions need to know of the
   * requested resource: the owner of its catalog entity and its tags (the
   * entity's labels), if the catalog has one entity with that ARN. Captured
   * at request time, so later catalog edits do not move a pending approval.
   */
  async describeResource(
    resourceArn: string,
  ): Promise<{ owner?: string; tags?: Record<string, string> }> {
    try {
      const { items } = await this.options.catalog.getEntities(
        {
          filter: {
            kind: 'Resource',
            [`metadata.annotations.${ANNOTATION_AWS_ARN}`]: resourceArn,
          },
          fields: ['metadata.labels', 'spec.owner'],
        },
        { credentials: await this.options.auth.getOwnServiceCredentials() },
      );
      if (items.length !== 1) {
        return {};
      }
      const [entity] = items;
      const owner = entity.spec?.owner;
      return {
        owner: typeof owner === 'string' ? normalizeGroupRef(owner) : undefined,
        // `fields` leaves out `metadata` when the entity has no labels.
        tags: entity.metadata?.labels,
      };
    } catch (error) {
      // Without the catalog, a rule that needs the owner refuses the request.
      this.options.logger.warn(
        `Catalog lookup of ${resourceArn} failed: ${stringifyError(error)}`,
      );
      return {};
    }
  }

  private configured(accountId: string, field: string): AccountConfig {
    const account = this.options
      .accounts()
      .find(a => a.accountId === accountId);
    if (!account) {
      throw new InputError(
        `${field}: account ${accountId} is not configured in awsAccess.accounts`,
      );
    }
    return account;
  }

  private async accountFromCatalog(
    resourceArn: string,
  ): Promise<string | undefined> {
    try {
      const { items } = await this.options.catalog.getEntities(
        {
          filter: {
            kind: 'Resource',
            [`metadata.annotations.${ANNOTATION_AWS_ARN}`]: resourceArn,
          },
          fields: ['metadata.annotations'],
        },
        { credentials: await this.options.auth.getOwnServiceCredentials() },
      );
      const ids = new Set(
        items
          .map(e => e.metadata.annotations?.[ANNOTATION_AWS_ACCOUNT_ID])
          .filter((id): id is string => !!id),
      );
      return ids.size === 1 ? [...ids][0] : undefined;
    } catch (error) {
      // Without the catalog the remaining rules still apply.
      this.options.logger.warn(
        `Catalog lookup of ${resourceArn} failed: ${stringifyError(error)}`,
      );
      return undefined;
    }
  }
}
