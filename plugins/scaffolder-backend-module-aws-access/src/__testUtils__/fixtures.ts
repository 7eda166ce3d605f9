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

import { LoggerService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import {
  AwsAccessClient,
  Grant,
} from '@backstage-aws-access/plugin-aws-access-common';
import { AwsAccessActionOptions } from '../actions/types';
import { createCheckpointStore } from './checkpointStore';
import {
  FakeAwsAccessApi,
  RecordedRequest,
  useFakeAwsAccessApi,
} from './fakeAwsAccessApi';

/** The user who runs the templates in these tests. */
export const alice = mockCredentials.user('user:default/alice');

/**
 * The Authorization header the aws-access API sees when an action calls it
 * for alice: a service token on her behalf, not the scaffolder's own.
 */
export const onBehalfOfAlice = mockCredentials.service.header({
  onBehalfOf: alice,
  targetPluginId: 'aws-access',
});

/** A POST the fake API received from an action that runs for alice. */
export function postByAlice(path: string, body: unknown): RecordedRequest {
  return { method: 'POST', path, authorization: onBehalfOfAlice, body };
}

/** The orders bucket as the catalog lists it. */
export const ordersBucketEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'orders-bucket',
    annotations: {
      'aws.amazon.com/arn': 'arn:aws:s3:::orders',
      'aws.amazon.com/account-id': '210987654321',
      'aws.amazon.com/resource-type': 'AWS::S3::Bucket',
    },
  },
  spec: { type: 's3-bucket', owner: 'team-a' },
};

/** An active grant of alice's on the orders bucket, for revoke and extend. */
export const aliceGrant: Grant = {
  id: 'grant-1',
  state: 'active',
  requester: 'user:default/alice',
  resourceArn: 'arn:aws:s3:::orders',
  resourceType: 's3:bucket',
  accountId: '210987654321',
  region: '',
  actions: ['s3:GetObject'],
  reason: 'debug',
  durationMinutes: 60,
  createdAt: '2030-01-01T00:00:00.000Z',
  expiresAt: '2030-01-01T01:00:00.000Z',
};

/**
 * What the API reports once a requested grant is active: push it onto
 * `nextStates` to make the next poll find the grant ready.
 */
export const activeGrant = {
  state: 'active' as const,
  roleArn: 'arn:aws:iam::210987654321:role/backstage-access/grant-1',
  signInUrl:
    'https://signin.aws.amazon.com/switchrole?roleName=grant-1&account=210987654321',
  expiresAt: '2030-01-01T01:00:00.000Z',
};

/**
 * Runs an action's handler as the scaffolder would when alice runs the
 * template, and resolves to the `output` mock. Every run of one runner shares
 * its checkpoints, so a second run is a retried task.
 */
export function createActionRunner(
  action: TemplateAction<any, any, any>,
  options: { logger?: LoggerService } = {},
) {
  const checkpoints = createCheckpointStore();
  const run = async (input: JsonObject) => {
    const ctx = {
      ...createMockActionContext({ input, logger: options.logger }),
      // Alice runs the template; the API must see her, not the scaffolder.
      getInitiatorCredentials: async () => alice,
      checkpoint: checkpoints.checkpoint,
    };
    await action.handler(ctx as any);
    return ctx.output;
  };
  return { run, checkpoints };
}

/** What the module gives an action, with the real typed client on the fake API. */
export function actionOptions(
  fakeApi: FakeAwsAccessApi,
): AwsAccessActionOptions {
  return {
    api: new AwsAccessClient({ discoveryApi: fakeApi.discovery }),
    auth: mockServices.auth(),
  };
}

/**
 * For a `describe` block about one action: the fake API (holding `grants`
 * before each test) and `setup`, which makes the action on it and a runner.
 */
export function useActionOnFakeApi(
  createAction: (
    options: AwsAccessActionOptions,
  ) => TemplateAction<any, any, any>,
  grants: Grant[] = [],
) {
  const fakeApi = useFakeAwsAccessApi(grants);
  const setup = () => createActionRunner(createAction(actionOptions(fakeApi)));
  return { fakeApi, setup };
}
