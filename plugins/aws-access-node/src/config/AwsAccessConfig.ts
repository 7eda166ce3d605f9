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

import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { DEFAULT_ROLE_PATH } from '@backstage-aws-access/plugin-aws-access-common';
import { readPositiveInteger } from './readPositiveInteger';

/** @public */
export interface AccountConfig {
  accountId: string;
  name: string;
  /** `aws` (the default), `aws-cn`, `aws-us-gov`, ...: every ARN in the account carries it. */
  partition?: string;
  regions: string[];
  managerRoleArn?: string;
  externalId?: string;
  readerRoleArn?: string;
  trustPrincipalArns: string[];
}

/**
 * `awsAccess.catalog`: how the catalog module discovers AWS resources.
 *
 * @public
 */
export interface AwsAccessCatalogConfig {
  enabled: boolean;
  ownerTag: string;
  defaultOwner: string;
  systemTag: string;
  /** The built-in types to discover, by CloudFormation type name; all when absent. */
  resourceTypes?: string[];
  additionalResourceTypes: string[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Full refresh of the grant entities, the safety net behind grant events. */
  grantRefreshSchedule: SchedulerServiceTaskScheduleDefinition;
}

/**
 * `awsAccess.limits`: how much one person, or one account, may hold at once.
 *
 * @public
 */
export interface AwsAccessLimits {
  /** Pending, provisioning and active grants one user may hold. */
  maxLiveGrantsPerUser: number;
  /** Requests one user may have waiting for approval. */
  maxPendingRequestsPerUser: number;
  /** Pending, provisioning and active grants in one account. */
  maxLiveGrantsPerAccount: number;
  /** Longest a grant may last from approval to its last expiry, extensions included. */
  maxTotalLifetimeMs: number;
}

/** @public */
export interface AwsAccessConfig {
  accounts: AccountConfig[];
  /** `awsAccess.inventory`: which resources may be granted on. */
  inventory: {
    /** Only resources the catalog holds (or sub-resources of them). */
    required: boolean;
    /** `backstage.io/managed-by-location` prefixes whose resource entities count. */
    trustedLocations: string[];
  };
  /** `awsAccess.principals`: whose AWS principals a grant may trust. */
  principals: {
    allowedAccountIds: string[];
    /** Whether an account's `trustPrincipalArns` stand in for a user without principals. */
    allowFallback: boolean;
  };
  limits: AwsAccessLimits;
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

/**
 * Where the aws-access resource provider's entities come from (`managed-by-location`).
 *
 * @public
 */
export const TRUSTED_RESOURCE_LOCATION = 'aws-access:aws-access-resources';

/**
 * IAM caps a role's session at 12 hours; grants may not outlive that much by default.
 *
 * @public
 */
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

/**
 * Reads and checks `awsAccess` once at start, so bad config fails the start, not a request.
 *
 * @public
 */
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
        partition: account.getOptionalString('partition') ?? 'aws',
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
  const maxDurationMinutes = readPositiveInteger(
    config,
    'awsAccess',
    'maxDurationMinutes',
    DEFAULT_MAX_DURATION_MINUTES,
  );
  const schedules = config?.getOptionalConfig('schedules');
  const catalog = config?.getOptionalConfig('catalog');
  const principals = readPrincipals(root, accounts);
  return {
    accounts,
    inventory: {
      required: config?.getOptionalBoolean('inventory.required') ?? true,
      trustedLocations: config?.getOptionalStringArray(
        'inventory.trustedLocations',
      ) ?? [TRUSTED_RESOURCE_LOCATION],
    },
    principals,
    limits: readLimits(config?.getOptionalConfig('limits'), maxDurationMinutes),
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
      resourceTypes: catalog?.getOptionalStringArray('resourceTypes'),
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

function readLimits(
  config: Config | undefined,
  maxDurationMinutes: number,
): AwsAccessLimits {
  const count = (key: string, fallback: number) =>
    readPositiveInteger(config, 'awsAccess.limits', key, fallback);
  const lifetime = config?.has('maxTotalLifetime')
    ? durationToMilliseconds(
        readDurationFromConfig(config, { key: 'maxTotalLifetime' }),
      )
    : 2 * maxDurationMinutes * 60_000;
  if (!(lifetime > 0)) {
    throw new Error('awsAccess.limits.maxTotalLifetime must be positive');
  }
  return {
    maxLiveGrantsPerUser: count('maxLiveGrantsPerUser', 20),
    maxPendingRequestsPerUser: count('maxPendingRequestsPerUser', 5),
    maxLiveGrantsPerAccount: count('maxLiveGrantsPerAccount', 1000),
    maxTotalLifetimeMs: lifetime,
  };
}

/**
 * Fallback principals stand for many people, so they are opt-in, and may
 * never be the backend's own identity or its roles: whoever holds the
 * backend's keys would otherwise hold every fallback grant.
 */
function readPrincipals(
  root: Config,
  accounts: AccountConfig[],
): AwsAccessConfig['principals'] {
  const config = root.getOptionalConfig('awsAccess.principals');
  const allowFallback = config?.getOptionalBoolean('allowFallback') ?? false;
  const backendPrincipal = root.getOptionalString(
    'awsAccess.onboarding.backendPrincipalArn',
  );
  if (allowFallback) {
    for (const account of accounts) {
      const own = [
        backendPrincipal,
        account.managerRoleArn,
        account.readerRoleArn,
      ].filter(Boolean);
      const clash = account.trustPrincipalArns.find(arn => own.includes(arn));
      if (clash) {
        throw new Error(
          `awsAccess.accounts[${account.accountId}].trustPrincipalArns: ${clash} is the backend's own identity and may not stand in for users`,
        );
      }
      if (account.trustPrincipalArns.some(arn => /:root$|[*?]/.test(arn))) {
        throw new Error(
          `awsAccess.accounts[${account.accountId}].trustPrincipalArns: account roots and wildcards are not allowed`,
        );
      }
    }
  }
  return {
    allowedAccountIds:
      config?.getOptionalStringArray('allowedAccountIds') ??
      accounts.map(a => a.accountId),
    allowFallback,
  };
}

/**
 * The account's partition; `aws` unless configured.
 *
 * @public
 */
export function partitionOf(account: AccountConfig): string {
  return account.partition ?? 'aws';
}
