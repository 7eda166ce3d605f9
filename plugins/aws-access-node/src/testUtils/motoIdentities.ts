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
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import type { Credentials } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';

/**
 * The keys of an STS session (`AssumeRole`'s answer), as SDK clients take them.
 *
 * @public
 */
export function sessionCredentials(
  credentials: Credentials | undefined,
): AwsCredentialIdentity {
  return {
    accessKeyId: credentials!.AccessKeyId!,
    secretAccessKey: credentials!.SecretAccessKey!,
    sessionToken: credentials!.SessionToken,
  };
}

/**
 * An IAM user allowed `Action` on `Resource` by one inline policy, and its
 * access keys. With IAM enforced, moto only accepts keys of users like this.
 *
 * @public
 */
export async function createUserWithKeys(
  iam: IAMClient,
  name: string,
  allow: { Action: string; Resource: string },
): Promise<{ arn: string; credentials: AwsCredentialIdentity }> {
  const { User } = await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: name,
      PolicyName: 'inline',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', ...allow }],
      }),
    }),
  );
  const { AccessKey } = await iam.send(
    new CreateAccessKeyCommand({ UserName: name }),
  );
  return {
    arn: User!.Arn!,
    credentials: {
      accessKeyId: AccessKey!.AccessKeyId!,
      secretAccessKey: AccessKey!.SecretAccessKey!,
    },
  };
}
