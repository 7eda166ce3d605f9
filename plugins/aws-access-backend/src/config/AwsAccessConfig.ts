import { Config } from '@backstage/config';
import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { DEFAULT_ROLE_PATH } from 'backstage-plugin-aws-access-common';

export interface AccountConfig {
  accountId: string;
  name: string;
  regions: string[];
  managerRoleArn?: string;
  externalId?: string;
  readerRoleArn?: string;
  trustPrincipalArns: string[];
}

/** `awsAccess.catalog`: how the catalog module discovers AWS resources. */
export interface AwsAccessCatalogConfig {
  enabled: boolean;
  ownerTag: string;
  defaultOwner: string;
  systemTag: string;
  additionalResourceTypes: string[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Full refresh of the grant entities, the safety net behind grant events. */
  grantRefreshSchedule: SchedulerServiceTaskScheduleDefinition;
}

export interface AwsAccessConfig {
  accounts: AccountConfig[];
  rolePath: string;
  /**
   * Which Backstage installation this is; tagged on every grant role, so
   * that installations sharing an account never remove each other's roles.
   */
  installationId: string;
  maxDurationMinutes: number;
  allowWildcardActions: boolean;
  adminGroups: string[];
  schedules: {
    expirySweep: SchedulerServiceTaskScheduleDefinition;
    reconciler: SchedulerServiceTaskScheduleDefinition;
  };
  catalog: AwsAccessCatalogConfig;
}

/** IAM caps a role's session at 12 hours; grants may not outlive that much by default. */
export const DEFAULT_MAX_DURATION_MINUTES = 720;

function readSchedule(
  config: Config | undefined,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return config
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(config)
    : fallback;
}

/** What an IAM tag value may hold, kept shorter than IAM's 256. */
const INSTALLATION_ID = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

/**
 * `awsAccess.installationId`, else this backend's `backend.baseUrl`: stable
 * across restarts and replicas of one installation, and different between
 * two installations (each has its own URL) even when nobody thought of
 * setting it. `default` when neither is set.
 */
function readInstallationId(root: Config): string {
  const configured = root.getOptionalString('awsAccess.installationId');
  const id =
    configured ??
    root.getOptionalString('backend.baseUrl')?.replace(/\/+$/, '') ??
    'default';
  if (!INSTALLATION_ID.test(id)) {
    throw new Error(
      `awsAccess.installationId '${id}' must be 1 to 128 letters, digits, spaces or _.:/=+-@ (it becomes an IAM tag value)${
        configured ? '' : '; backend.baseUrl does not qualify, so set it'
      }`,
    );
  }
  return id;
}

/** Reads and checks `awsAccess` once at start, so bad config fails the start, not a request. */
export function readAwsAccessConfig(root: Config): AwsAccessConfig {
  const config = root.getOptionalConfig('awsAccess');
  const accounts = (config?.getOptionalConfigArray('accounts') ?? []).map(
    account => {
      const accountId = account.getString('accountId');
      if (!/^\d{12}$/.test(accountId)) {
        throw new Error(
          `awsAccess.accounts: accountId '${accountId}' must be 12 digits`,
        );
      }
      return {
        accountId,
        name: account.getString('name'),
        regions: account.getStringArray('regions'),
        managerRoleArn: account.getOptionalString('managerRoleArn'),
        externalId: account.getOptionalString('externalId'),
        readerRoleArn: account.getOptionalString('readerRoleArn'),
        trustPrincipalArns:
          account.getOptionalStringArray('trustPrincipalArns') ?? [],
      };
    },
  );
  const seen = new Set<string>();
  for (const { accountId } of accounts) {
    if (seen.has(accountId)) {
      throw new Error(`awsAccess.accounts: ${accountId} is listed twice`);
    }
    seen.add(accountId);
  }
  const rolePath = config?.getOptionalString('rolePath') ?? DEFAULT_ROLE_PATH;
  if (!/^\/([\w+=,.@-]+\/)*$/.test(rolePath)) {
    throw new Error(
      `awsAccess.rolePath '${rolePath}' must start and end with '/'`,
    );
  }
  const installationId = readInstallationId(root);
  const maxDurationMinutes =
    config?.getOptionalNumber('maxDurationMinutes') ??
    DEFAULT_MAX_DURATION_MINUTES;
  if (!Number.isInteger(maxDurationMinutes) || maxDurationMinutes < 1) {
    throw new Error('awsAccess.maxDurationMinutes must be a positive integer');
  }
  const schedules = config?.getOptionalConfig('schedules');
  const catalog = config?.getOptionalConfig('catalog');
  return {
    accounts,
    rolePath,
    installationId,
    maxDurationMinutes,
    allowWildcardActions:
      config?.getOptionalBoolean('allowWildcardActions') ?? false,
    adminGroups: config?.getOptionalStringArray('adminGroups') ?? [],
    schedules: {
      expirySweep: readSchedule(schedules?.getOptionalConfig('expirySweep'), {
        frequency: { seconds: 30 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 5 },
      }),
      reconciler: readSchedule(schedules?.getOptionalConfig('reconciler'), {
        frequency: { minutes: 10 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
      }),
    },
    catalog: {
      enabled: catalog?.getOptionalBoolean('enabled') ?? accounts.length > 0,
      ownerTag: catalog?.getOptionalString('ownerTag') ?? 'owner',
      defaultOwner:
        catalog?.getOptionalString('defaultOwner') ?? 'group:default/unowned',
      systemTag: catalog?.getOptionalString('systemTag') ?? 'system',
      additionalResourceTypes:
        catalog?.getOptionalStringArray('additionalResourceTypes') ?? [],
      schedule: readSchedule(catalog?.getOptionalConfig('schedule'), {
        frequency: { minutes: 30 },
        timeout: { minutes: 15 },
        initialDelay: { seconds: 15 },
      }),
      grantRefreshSchedule: readSchedule(
        catalog?.getOptionalConfig('grantRefreshSchedule'),
        {
          frequency: { minutes: 1 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 5 },
        },
      ),
    },
  };
}
