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

/*
 * Onboards the demo's accounts the way a platform team onboards a real one:
 * the CloudFormation stack that the plugin's onboarding page hands out
 * (BackstageAccessManager + BackstageAccessReader, trusting only the
 * backend's principal with an external id, and the grant boundary every
 * grant role is created with), created in the local AWS. Every account gets
 * it, also the sandbox that the backend reaches with its own credentials:
 * grant roles cannot be created without the boundary the stack provides.
 * Idempotent: an up-to-date stack is left as it is; one from before the
 * grant boundary is updated.
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  waitUntilStackCreateComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { renderCloudFormationTemplate } from '../../plugins/aws-access-backend/src/onboarding';

const STACK_NAME = 'backstage-access';

interface DemoAccount {
  accountId: string;
  externalId?: string;
  managerRoleArn?: string;
}

function readDemoConfig() {
  const config = YAML.parse(
    readFileSync(path.resolve(__dirname, '../../app-config.yaml'), 'utf8'),
  );
  const awsAccess = config.awsAccess;
  return {
    rolePath: awsAccess.rolePath as string,
    backendPrincipalArn: awsAccess.onboarding.backendPrincipalArn as string,
    accounts: awsAccess.accounts as DemoAccount[],
  };
}

async function onboard(
  account: DemoAccount,
  rolePath: string,
  principalArn: string,
) {
  const cfn = new CloudFormationClient({ region: 'us-east-1' });
  // moto picks the account from this header; on AWS, each account has its own credentials.
  cfn.middlewareStack.add(
    next => args => {
      (args.request as { headers: Record<string, string> }).headers[
        'x-moto-account-id'
      ] = account.accountId;
      return next(args);
    },
    { step: 'build', name: 'motoAccount' },
  );
  const existing = await cfn
    .send(new DescribeStacksCommand({ StackName: STACK_NAME }))
    .then(
      r => r.Stacks?.[0],
      () => undefined,
    );
  const request = {
    StackName: STACK_NAME,
    TemplateBody: renderCloudFormationTemplate({
      rolePath,
      trust: { type: 'iam-principal', principalArn },
    }),
    Capabilities: ['CAPABILITY_NAMED_IAM' as const],
    Parameters: account.externalId
      ? [{ ParameterKey: 'ExternalId', ParameterValue: account.externalId }]
      : [],
  };
  // A stack from before the grant boundary has no boundary output.
  const outdated =
    existing &&
    !existing.Outputs?.some(o => o.OutputKey === 'GrantBoundaryArn');
  let outcome = 'already there';
  if (!existing) {
    await cfn.send(new CreateStackCommand(request));
    await waitUntilStackCreateComplete(
      { client: cfn, maxWaitTime: 60 },
      { StackName: STACK_NAME },
    );
    outcome = 'created';
  } else if (outdated) {
    await cfn.send(new UpdateStackCommand(request));
    await waitUntilStackUpdateComplete(
      { client: cfn, maxWaitTime: 60 },
      { StackName: STACK_NAME },
    );
    outcome = 'updated';
  }
  console.log(
    `account ${account.accountId}: onboarding stack '${STACK_NAME}' ${outcome}`,
  );
}

async function main() {
  const { rolePath, backendPrincipalArn, accounts } = readDemoConfig();
  for (const account of accounts) {
    await onboard(account, rolePath, backendPrincipalArn);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
