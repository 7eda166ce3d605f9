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

import { randomBytes } from 'node:crypto';
import { ConflictError } from '@backstage/errors';
import {
  NewAccountOnboarding,
  newAccountRequestSchema,
} from '@backstage-aws-access/plugin-aws-access-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import type { AwsAccessConfig } from '@backstage-aws-access/plugin-aws-access-node';
import {
  ACCESS_ROLES,
  MANAGER_ROLE_NAME,
  READER_ROLE_NAME,
  TEMPLATE_VERSION,
} from './accessRoles';
import { parseInput } from '../http/parseInput';
import { renderCloudFormationTemplate } from './cloudFormationTemplate';
import type { OnboardingConfig } from './onboardingConfig';

/**
 * `POST /onboarding/new` (admin): everything needed to add an account that
 * is not configured yet: a fresh external id, the CloudFormation template
 * that creates its roles (to download and create as a stack in that
 * account), and the `awsAccess.accounts` entry to paste into the config
 * once the stack exists. Nothing is stored: the config stays the one
 * source of truth about accounts.
 */
export function createNewAccountRouter(options: {
  config: Pick<AwsAccessConfig, 'accounts' | 'rolePath'>;
  onboarding: OnboardingConfig;
  authorizeAdmin: (req: Request) => Promise<string>;
}): express.Router {
  const { config, onboarding } = options;
  const router = Router();
  router.use(express.json({ limit: '4kb' }));

  router.post('/onboarding/new', async (req, res) => {
    await options.authorizeAdmin(req);
    const request = parseInput(newAccountRequestSchema, req.body);
    const { accountId } = request;
    if (config.accounts.some(a => a.accountId === accountId)) {
      throw new ConflictError(
        `Account ${accountId} is connected already; its stack is under CloudFormation on its row`,
      );
    }
    // The name goes into YAML unquoted: only characters that stay plain there.
    const name =
      (request.name ?? '').replace(/[^\w .-]/g, '').slice(0, 64) || accountId;
    const region = request.region || 'us-east-1';
    if (!onboarding.trust) {
      throw new ConflictError(
        'Onboarding needs the backend identity the roles should trust: set awsAccess.onboarding.backendPrincipalArn or awsAccess.onboarding.eks',
      );
    }
    const externalId =
      onboarding.trust.type === 'iam-principal'
        ? `backstage-${randomBytes(12).toString('hex')}`
        : undefined;
    // The stack's own roles sit at the root path, outside the grant path.
    const arn = (role: string) => `arn:aws:iam::${accountId}:role/${role}`;
    const configYaml = [
      'awsAccess:',
      '  accounts:',
      `    - accountId: '${accountId}'`,
      `      name: ${name}`,
      `      regions: [${region}]`,
      `      managerRoleArn: ${arn(MANAGER_ROLE_NAME)}`,
      `      readerRoleArn: ${arn(READER_ROLE_NAME)}`,
      ...(externalId ? [`      externalId: ${externalId}`] : []),
    ].join('\n');
    const body: NewAccountOnboarding = {
      accountId,
      name,
      region,
      stackName: onboarding.stackName,
      templateVersion: TEMPLATE_VERSION,
      templateYaml: renderCloudFormationTemplate({
        trust: onboarding.trust,
        rolePath: config.rolePath,
      }),
      ...(externalId && { externalId }),
      configYaml,
      createStackCommand: [
        `aws cloudformation create-stack --stack-name ${onboarding.stackName}`,
        `  --template-body file://${onboarding.stackName}.yaml`,
        '  --capabilities CAPABILITY_NAMED_IAM',
        ...(externalId
          ? [
              `  --parameters ParameterKey=ExternalId,ParameterValue=${externalId}`,
            ]
          : []),
        `  --region ${region}`,
      ].join(' \\\n'),
      roles: ACCESS_ROLES.map(role => ({
        name: role.name,
        purpose: role.purpose,
        summary: role.summary,
      })),
    };
    res.json(body);
  });
  return router;
}
