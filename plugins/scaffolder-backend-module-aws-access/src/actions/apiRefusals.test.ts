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

import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import {
  FakeApiError,
  useFakeAwsAccessApi,
} from '../__testUtils__/fakeAwsAccessApi';
import {
  actionOptions,
  aliceGrant,
  createActionRunner,
} from '../__testUtils__/fixtures';
import { createAwsAccessExtendAction } from './extendAccess';
import { createAwsAccessRequestAction } from './requestAccess';
import { createAwsAccessRequestBundleAction } from './requestBundle';
import { createAwsAccessRevokeAction } from './revokeAccess';
import { AwsAccessActionOptions } from './types';

interface RefusalCase {
  action: string;
  create(options: AwsAccessActionOptions): TemplateAction<any, any, any>;
  input: JsonObject;
  refusal: FakeApiError;
  /** What the template user reads: what failed, then the API's reason. */
  message: string;
}

const withCatalog = (options: AwsAccessActionOptions) => ({
  ...options,
  catalog: catalogServiceMock(),
});

// Whichever action is refused, the user sees the API's own reason and the
// error's type, not "Request failed with 400 Bad Request".
const cases: RefusalCase[] = [
  {
    action: 'aws:access:request',
    create: options => createAwsAccessRequestAction(withCatalog(options)),
    input: {
      resourceArn: 'arn:aws:s3:::orders',
      actions: ['s3:Fly'],
      durationMinutes: 60,
      reason: 'debug',
    },
    refusal: {
      status: 400,
      name: 'InputError',
      message: 'actions: s3:Fly is not an action on s3:bucket',
    },
    message:
      'Could not request AWS access: actions: s3:Fly is not an action on s3:bucket',
  },
  {
    action: 'aws:access:request-bundle',
    create: options => createAwsAccessRequestBundleAction(withCatalog(options)),
    input: {
      targets: [
        { resourceArn: 'arn:aws:s3:::orders', actions: ['s3:GetObject'] },
        { resourceArn: 'arn:aws:s3:::invoices', actions: ['s3:ListBucket'] },
      ],
      durationMinutes: 60,
      reason: 'reconciling orders with invoices',
    },
    refusal: {
      status: 400,
      name: 'InputError',
      message: 'targets.1.resourceArn: arn:aws:s3:::invoices is not catalogued',
    },
    message:
      'Could not request the AWS access bundle: targets.1.resourceArn: arn:aws:s3:::invoices is not catalogued',
  },
  {
    action: 'aws:access:extend',
    create: createAwsAccessExtendAction,
    input: { grantId: 'grant-1', durationMinutes: 30 },
    refusal: {
      status: 409,
      name: 'ConflictError',
      message: 'grant grant-1 is revoked; only active grants can be extended',
    },
    message:
      'Could not extend grant grant-1: grant grant-1 is revoked; only active grants can be extended',
  },
  {
    action: 'aws:access:revoke',
    create: createAwsAccessRevokeAction,
    input: { grantId: 'grant-1' },
    refusal: {
      status: 403,
      name: 'NotAllowedError',
      message: 'only the requester or an admin may revoke grant grant-1',
    },
    message:
      'Could not revoke grant grant-1: only the requester or an admin may revoke grant grant-1',
  },
];

describe('refusals by the aws-access API', () => {
  const fakeApi = useFakeAwsAccessApi([aliceGrant]);

  it.each(cases)(
    '$action passes on the $refusal.name with the API’s reason',
    async ({ create, input, refusal, message }) => {
      const { run } = createActionRunner(create(actionOptions(fakeApi)));
      fakeApi.failNext(refusal);

      await expect(run(input)).rejects.toMatchObject({
        name: refusal.name,
        message,
      });
    },
  );
});
