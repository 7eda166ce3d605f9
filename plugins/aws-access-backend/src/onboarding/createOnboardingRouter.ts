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

import { DiscoveryService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  AccountOnboarding,
  OffboardResult,
} from '@backstage-aws-access/plugin-aws-access-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import type {
  AccountConfig,
  AwsAccessConfig,
} from '@backstage-aws-access/plugin-aws-access-node';
import {
  ACCESS_ROLES,
  MANAGER_ROLE_NAME,
  READER_ROLE_NAME,
  TEMPLATE_VERSION,
  rolePolicyDocument,
} from './accessRoles';
import {
  quickCreateUrl,
  renderCloudFormationTemplate,
} from './cloudFormationTemplate';
import type { AccountOffboarding } from '../offboarding/accountOffboarding';
import type { OffboardingRecord } from '../offboarding/OffboardingStore';
import type { OnboardingConfig } from './onboardingConfig';
import {
  TEMPLATE_LINK_TTL_SECONDS,
  type TemplateLinkSigner,
} from './templateLinks';

export interface OnboardingRouterOptions {
  config: Pick<AwsAccessConfig, 'accounts' | 'rolePath'>;
  onboarding: OnboardingConfig;
  discovery: Pick<DiscoveryService, 'getExternalBaseUrl'>;
  /**
   * Resolves to the acting admin's entity ref, or throws (`NotAllowedError`,
   * `AuthenticationError`) when the caller is not an aws-access admin.
   */
  authorizeAdmin(req: Request): Promise<string>;
  /** Records offboarding requests for the task that revokes the grants. */
  offboarding: AccountOffboarding;
  /** Signs the template links the admin endpoint hands out, and checks them. */
  templateLinks: TemplateLinkSigner;
  /** The clock, in milliseconds; tests move it. */
  now?: () => number;
}

function consoleRegion(account: AccountConfig): string {
  return account.regions[0] ?? 'us-east-1';
}

/**
 * Onboarding and offboarding of AWS accounts:
 *
 * - `GET /onboarding/:accountId` (admin): template, quick-create link, roles;
 * - `GET /onboarding/:accountId/template.yaml?expires=&sig=`: the template
 *   alone, without a Backstage token, because CloudFormation itself downloads
 *   it when the quick-create link is opened. It holds no secret (the external
 *   id is a stack parameter), but answering any account id would tell anyone
 *   which accounts exist, so it answers only a link the admin endpoint signed
 *   in the last hour; anything else gets the same 404;
 * - `POST /accounts/:accountId/offboard` (admin): records the request and
 *   answers 202 at once; a scheduled task revokes every live grant, and
 *   `GET /accounts/:accountId/offboard` (admin) tells how far it got and to
 *   delete the stack.
 */
export async function createOnboardingRouter(
  options: OnboardingRouterOptions,
): Promise<express.Router> {
  const { config, onboarding, discovery, templateLinks } = options;
  const now = options.now ?? Date.now;
  const router = Router();

  function findAccount(accountId: string): AccountConfig {
    const account = config.accounts.find(a => a.accountId === accountId);
    if (!account) {
      throw new NotFoundError(`No AWS account ${accountId} is configured`);
    }
    return account;
  }

  function trustOf() {
    if (!onboarding.trust) {
      throw new ConflictError(
        'Onboarding needs the backend identity the roles should trust: set awsAccess.onboarding.backendPrincipalArn or awsAccess.onboarding.eks',
      );
    }
    return onboarding.trust;
  }

  async function templateUrlFor(accountId: string): Promise<string> {
    if (onboarding.templateUrl) {
      return onboarding.templateUrl.replace('{accountId}', accountId);
    }
    const base = await discovery.getExternalBaseUrl('aws-access');
    const expires = Math.floor(now() / 1000) + TEMPLATE_LINK_TTL_SECONDS;
    const query = new URLSearchParams(
      await templateLinks.sign(accountId, expires),
    );
    return `${base}/onboarding/${accountId}/template.yaml?${query}`;
  }

  router.get('/onboarding/:accountId/template.yaml', async (req, res) => {
    const { accountId } = req.params;
    const { expires, sig } = req.query;
    // Checked before the account, and one answer for every failure, so that
    // neither the body nor the work done tells which accounts exist.
    const signed =
      typeof expires === 'string' &&
      typeof sig === 'string' &&
      (await templateLinks.verify(accountId, expires, sig));
    const known = config.accounts.some(a => a.accountId === accountId);
    if (!signed || !known) {
      throw new NotFoundError('Not found');
    }
    const yaml = renderCloudFormationTemplate({
      trust: trustOf(),
      rolePath: config.rolePath,
    });
    res.set('Cache-Control', 'no-store').type('application/x-yaml').send(yaml);
  });

  router.get('/onboarding/:accountId', async (req, res) => {
    await options.authorizeAdmin(req);
    const account = findAccount(req.params.accountId);
    const trust = trustOf();
    const parameters: Record<string, string> = {};
    if (trust.type === 'iam-principal') {
      if (!account.externalId) {
        throw new ConflictError(
          `Account ${account.accountId} has no externalId: set awsAccess.accounts[].externalId, the roles only trust the backend together with it`,
        );
      }
      parameters.ExternalId = account.externalId;
    }
    const templateUrl = await templateUrlFor(account.accountId);
    const body: AccountOnboarding = {
      accountId: account.accountId,
      stackName: onboarding.stackName,
      templateVersion: TEMPLATE_VERSION,
      templateYaml: renderCloudFormationTemplate({
        trust,
        rolePath: config.rolePath,
      }),
      templateUrl,
      quickCreateUrl: quickCreateUrl({
        region: consoleRegion(account),
        templateUrl,
        stackName: onboarding.stackName,
        parameters,
      }),
      roles: ACCESS_ROLES.map(role => ({
        name: role.name,
        purpose: role.purpose,
        summary: role.summary,
        policy: {
          ...rolePolicyDocument(role, {
            partition: 'aws',
            accountId: account.accountId,
            rolePath: config.rolePath,
          }),
        },
      })),
    };
    res.json(body);
  });

  function offboardResult(
    account: AccountConfig,
    record: OffboardingRecord,
  ): OffboardResult {
    const { accountId } = account;
    const finish = `delete the CloudFormation stack "${onboarding.stackName}" in account ${accountId}: it removes ${MANAGER_ROLE_NAME} and ${READER_ROLE_NAME}, and with them all of Backstage's access. Then remove the account from awsAccess.accounts.`;
    const statusPath = `/accounts/${accountId}/offboard`;
    const underWay = `Revoking the live grants in the background (${record.revokedGrants} so far); check ${statusPath} until it is done. Then ${finish}`;
    const progress = {
      requested: underWay,
      running: underWay,
      done: `Revoked ${record.revokedGrants} grant(s). To finish, ${finish}`,
      failed: `Offboarding stopped (${
        record.lastError ?? 'see the logs'
      }) after revoking ${
        record.revokedGrants
      } grant(s); offboard again, then ${finish}`,
    };
    return {
      accountId,
      revokedGrants: record.revokedGrants,
      instructions: progress[record.state],
      stacksUrl: `https://console.aws.amazon.com/cloudformation/home?region=${encodeURIComponent(
        consoleRegion(account),
      )}#/stacks?filteringText=${encodeURIComponent(onboarding.stackName)}`,
      state: record.state,
      remainingGrants: record.remainingGrants,
      statusPath,
      requestedBy: record.requestedBy,
      requestedAt: record.requestedAt.toISOString(),
      finishedAt: record.finishedAt?.toISOString(),
      error: record.lastError,
    };
  }

  router.post('/accounts/:accountId/offboard', async (req, res) => {
    const actor = await options.authorizeAdmin(req);
    const account = findAccount(req.params.accountId);
    const record = await options.offboarding.request(account.accountId, actor);
    res.status(202).json(offboardResult(account, record));
  });

  router.get('/accounts/:accountId/offboard', async (req, res) => {
    await options.authorizeAdmin(req);
    const account = findAccount(req.params.accountId);
    const record = await options.offboarding.get(account.accountId);
    if (!record) {
      throw new NotFoundError(
        `Account ${account.accountId} has not been offboarded`,
      );
    }
    res.json(offboardResult(account, record));
  });

  return router;
}
