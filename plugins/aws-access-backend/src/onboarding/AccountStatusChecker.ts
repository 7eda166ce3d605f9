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

import {
  GetRoleCommand,
  IAMClient,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  AccountStatus,
  AwsAccount,
} from '@backstage-aws-access/plugin-aws-access-common';
import type { AccountConfig } from '@backstage-aws-access/plugin-aws-access-node';
import type { AwsClientFactory } from '@backstage-aws-access/plugin-aws-access-node';
import {
  BOUNDARY_TEMPLATE_VERSION,
  GRANT_BOUNDARY_NAME,
  MANAGER_ROLE_NAME,
  TAG_TEMPLATE_VERSION,
  TEMPLATE_VERSION,
} from './accessRoles';

/** The result of the last connection check of one account. */
export interface AccountConnection {
  accountId: string;
  status: AccountStatus;
  statusMessage?: string;
  /** From the manager role's tag; undefined when it could not be read. */
  templateVersion?: number;
  /** The deployed stack is older than the backend's template. */
  updateAvailable: boolean;
  checkedAt?: string;
}

export interface AccountStatusCheckerOptions {
  accounts: AccountConfig[];
  rolePath: string;
  clientFactory: AwsClientFactory;
  logger: LoggerService;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    return error.name && error.name !== 'Error'
      ? `${error.name}: ${error.message}`
      : error.message;
  }
  return String(error);
}

/**
 * Checks that the backend can still act in each account: assumes the manager
 * and the reader role and makes one read call with each, and reads the
 * template version the manager role was deployed with. Results are kept in
 * memory and refreshed on a schedule, so `GET /accounts` never waits on AWS.
 */
export class AccountStatusChecker {
  readonly #accounts: Map<string, AccountConfig>;
  readonly #rolePath: string;
  readonly #clientFactory: AwsClientFactory;
  readonly #logger: LoggerService;
  readonly #results = new Map<string, AccountConnection>();

  constructor(options: AccountStatusCheckerOptions) {
    this.#accounts = new Map(options.accounts.map(a => [a.accountId, a]));
    this.#rolePath = options.rolePath;
    this.#clientFactory = options.clientFactory;
    this.#logger = options.logger;
  }

  /** The last result; `unknown` before the first check. */
  getStatus(accountId: string): AccountConnection {
    return (
      this.#results.get(accountId) ?? {
        accountId,
        status: 'unknown',
        updateAvailable: false,
      }
    );
  }

  /**
   * Throws a `ConflictError` when the last check found the account's stack
   * too old for new grants (it predates the grant boundary, so creating a
   * bounded grant role would fail or, worse, the boundary would be missing).
   * An account not checked yet, or whose version could not be read, passes:
   * `CreateRole` then fails on its own if the boundary is missing.
   */
  assertGrantable(accountId: string): void {
    const { status, templateVersion } = this.getStatus(accountId);
    if (status === 'outdated') {
      throw new ConflictError(
        `account ${accountId}'s onboarding stack must be updated before new grants: it is at template version ${templateVersion}, and grants need version ${BOUNDARY_TEMPLATE_VERSION} or later (the ${GRANT_BOUNDARY_NAME} permissions boundary). An administrator can update it from the AWS accounts page.`,
      );
    }
  }

  /** An account as `GET /accounts` answers it: config plus the last check. */
  describeAccount(account: AccountConfig): AwsAccount {
    const { accountId, status, ...connection } = this.getStatus(
      account.accountId,
    );
    return {
      accountId,
      name: account.name,
      regions: account.regions,
      status,
      ...connection,
    };
  }

  /** Checks one account now and remembers the result. */
  async checkAccount(accountId: string): Promise<AccountConnection> {
    const account = this.#accounts.get(accountId);
    if (!account) {
      throw new Error(`Account ${accountId} is not configured`);
    }
    const [manage, read] = await Promise.all([
      this.#checkManager(account),
      this.#checkReader(account),
    ]);
    const problems = [
      manage.error && `manager role: ${manage.error}`,
      read.error && `reader role: ${read.error}`,
    ].filter(Boolean);
    const outdated =
      manage.templateVersion !== undefined &&
      manage.templateVersion < BOUNDARY_TEMPLATE_VERSION;
    let status: AccountStatus = 'connected';
    let statusMessage: string | undefined;
    if (problems.length) {
      status = 'error';
      statusMessage = problems.join('; ');
    } else if (outdated) {
      status = 'outdated';
      statusMessage = `The onboarding stack (template version ${manage.templateVersion}) predates the ${GRANT_BOUNDARY_NAME} permissions boundary: update it to version ${TEMPLATE_VERSION} before new grants.`;
    }
    const result: AccountConnection = {
      accountId,
      status,
      ...(statusMessage ? { statusMessage } : {}),
      templateVersion: manage.templateVersion,
      updateAvailable:
        manage.templateVersion !== undefined &&
        manage.templateVersion < TEMPLATE_VERSION,
      checkedAt: new Date().toISOString(),
    };
    if (result.status === 'error') {
      this.#logger.warn(
        `AWS account ${accountId} is not reachable: ${result.statusMessage}`,
      );
    }
    this.#results.set(accountId, result);
    return result;
  }

  /** Checks every configured account; one failing account never stops the others. */
  async refresh(): Promise<void> {
    await Promise.all(
      [...this.#accounts.keys()].map(id => this.checkAccount(id)),
    );
  }

  /**
   * Refreshes on a schedule. The scope is `local` on purpose: every
   * instance keeps its own in-memory results, so each must refresh them.
   */
  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition = {
      frequency: { minutes: 5 },
      timeout: { minutes: 2 },
      // Right after start, so the accounts page never lingers on "unknown".
      initialDelay: { seconds: 1 },
    },
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'aws-access-account-status',
      scope: 'local',
      ...schedule,
      fn: () => this.refresh(),
    });
  }

  async #checkManager(
    account: AccountConfig,
  ): Promise<{ error?: string; templateVersion?: number }> {
    let iam: IAMClient;
    try {
      iam = new IAMClient(
        await this.#clientFactory.clientConfig(account.accountId, 'manage'),
      );
      await iam.send(
        new ListRolesCommand({ PathPrefix: this.#rolePath, MaxItems: 1 }),
      );
    } catch (error) {
      return { error: errorMessage(error) };
    }
    // Without a configured manager role the backend acts with its own
    // identity; the stack's role may still exist under its default name.
    const roleName =
      account.managerRoleArn?.split('/').pop() ?? MANAGER_ROLE_NAME;
    try {
      const { Role } = await iam.send(
        new GetRoleCommand({ RoleName: roleName }),
      );
      const tag = Role?.Tags?.find(t => t.Key === TAG_TEMPLATE_VERSION);
      const version = Number(tag?.Value);
      // A role without the tag predates versioning: treat it as version 0.
      return { templateVersion: Number.isInteger(version) ? version : 0 };
    } catch (error) {
      this.#logger.debug(
        `Could not read the template version of ${roleName} in ${
          account.accountId
        }: ${errorMessage(error)}`,
      );
      return {};
    }
  }

  async #checkReader(account: AccountConfig): Promise<{ error?: string }> {
    try {
      const s3 = new S3Client(
        await this.#clientFactory.clientConfig(account.accountId, 'read'),
      );
      await s3.send(new ListBucketsCommand({ MaxBuckets: 1 }));
      return {};
    } catch (error) {
      return { error: errorMessage(error) };
    }
  }
}
