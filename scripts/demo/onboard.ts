/*
 * Onboards the demo's production account the way a platform team onboards a
 * real one: the CloudFormation stack that the plugin's onboarding page hands
 * out (BackstageAccessManager + BackstageAccessReader, trusting only the
 * backend's principal with an external id), created in the local AWS.
 * Idempotent: an existing stack is left as it is.
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  waitUntilStackCreateComplete,
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
    // Accounts reached through a manager role are the onboarded ones.
    accounts: (awsAccess.accounts as DemoAccount[]).filter(
      a => a.managerRoleArn,
    ),
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
  if (!existing) {
    await cfn.send(
      new CreateStackCommand({
        StackName: STACK_NAME,
        TemplateBody: renderCloudFormationTemplate({
          rolePath,
          trust: { type: 'iam-principal', principalArn },
        }),
        Capabilities: ['CAPABILITY_NAMED_IAM'],
        Parameters: account.externalId
          ? [{ ParameterKey: 'ExternalId', ParameterValue: account.externalId }]
          : [],
      }),
    );
    await waitUntilStackCreateComplete(
      { client: cfn, maxWaitTime: 60 },
      { StackName: STACK_NAME },
    );
  }
  console.log(
    `account ${account.accountId}: onboarding stack '${STACK_NAME}' ${
      existing ? 'already there' : 'created'
    }`,
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
