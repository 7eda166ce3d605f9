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
  AuditorService,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  ServiceFactoryTester,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_PRINCIPAL_ARN,
} from '@backstage-aws-access/plugin-aws-access-common';
import {
  GrantProvisioner,
  TRUSTED_RESOURCE_LOCATION,
} from '@backstage-aws-access/plugin-aws-access-node';
import express from 'express';
import { createAwsAccessServices } from '../createAwsAccessServices';
import { RecordingProvisioner } from './RecordingProvisioner';
import { policyPermissions, testPolicy } from './testPermissions';

/** The router wired by the plugin's own composition root, with test users and catalog. */

export const HOME = '123456789012';
export const OTHER = '210987654321';
export const ALICE = 'user:default/alice';
export const BOB = 'user:default/bob';
export const CAROL = 'user:default/carol';
/** Members of group:default/security, the approvers of `groups` rules in tests. */
export const DAN = 'user:default/dan';
export const ERIN = 'user:default/erin';
/** A user whose entity names no AWS principal. */
export const PAT = 'user:default/pat';
/** Owner of the catalogued bucket; BOB is a member. */
export const TEAM = 'group:default/team';
export const SECURITY = 'group:default/security';
export const CATALOGUED_BUCKET = 'arn:aws:s3:::catalogued-bucket';
export const BUCKET = 'arn:aws:s3:::granted-bucket';
export const QUEUE = `arn:aws:sqs:us-east-1:${HOME}:orders`;
export const SHARED_BUCKET = 'arn:aws:s3:::shared-bucket';

/** The `authorization` header of a request made by `user`. */
export const as = (user: string) => mockCredentials.user.header(user);

export const accessConfig = {
  awsAccess: {
    accounts: [
      { accountId: HOME, name: 'home', regions: ['us-east-1'] },
      {
        accountId: OTHER,
        name: 'other',
        regions: ['eu-west-1'],
        trustPrincipalArns: [`arn:aws:iam::${OTHER}:role/fallback`],
      },
    ],
    maxDurationMinutes: 720,
    adminGroups: ['group:default/aws-admins'],
  },
};

/** A user entity whose AWS principal is their IAM user in `accountId`. */
export function awsUser(name: string, accountId: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        [ANNOTATION_AWS_PRINCIPAL_ARN]: `arn:aws:iam::${accountId}:user/${name}`,
      },
    },
    spec: {},
  };
}

/** A resource entity as the aws-access discovery emits it. */
export function discoveredResource(options: {
  name: string;
  arn: string;
  accountId: string;
  owner?: string;
  labels?: Record<string, string>;
  type?: string;
}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: options.name,
      namespace: 'default',
      ...(options.labels ? { labels: options.labels } : {}),
      annotations: {
        [ANNOTATION_AWS_ARN]: options.arn,
        [ANNOTATION_AWS_ACCOUNT_ID]: options.accountId,
        [ANNOTATION_LOCATION]: TRUSTED_RESOURCE_LOCATION,
      },
    },
    spec: {
      type: options.type ?? 's3-bucket',
      owner: options.owner ?? 'group:default/platform',
    },
  };
}

export const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: 'alice',
      namespace: 'default',
      annotations: {
        [ANNOTATION_AWS_PRINCIPAL_ARN]: `arn:aws:iam::${HOME}:user/alice, arn:aws:iam::${OTHER}:user/alice`,
      },
    },
    spec: {},
  },
  ...['bob', 'carol', 'dan', 'erin'].map(name => awsUser(name, HOME)),
  // A user whose entity names no AWS principal.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'pat', namespace: 'default' },
    spec: {},
  },
  discoveredResource({
    name: 'catalogued-bucket',
    arn: CATALOGUED_BUCKET,
    accountId: OTHER,
    owner: TEAM,
  }),
  discoveredResource({ name: 'granted-bucket', arn: BUCKET, accountId: HOME }),
  discoveredResource({
    name: 'orders',
    arn: QUEUE,
    accountId: HOME,
    type: 'sqs-queue',
  }),
  // A queue in a region the account does not enable.
  discoveredResource({
    name: 'q-eu',
    arn: `arn:aws:sqs:eu-west-1:${HOME}:q`,
    accountId: HOME,
    type: 'sqs-queue',
  }),
  // The same bucket name catalogued in two accounts (moto allows it).
  discoveredResource({
    name: 'shared-bucket-home',
    arn: SHARED_BUCKET,
    accountId: HOME,
  }),
  discoveredResource({
    name: 'shared-bucket-other',
    arn: SHARED_BUCKET,
    accountId: OTHER,
  }),
];

const GROUPS: Record<string, string[]> = {
  [BOB]: [TEAM],
  [CAROL]: ['group:default/aws-admins'],
  [DAN]: [SECURITY],
  [ERIN]: [SECURITY],
};

/** Carol is in the admin group, Bob in the bucket's owner team, Dan and Erin in security. */
export const userInfo: UserInfoService = {
  async getUserInfo(credentials) {
    const ref = (credentials.principal as BackstageUserPrincipal).userEntityRef;
    return {
      userEntityRef: ref,
      ownershipEntityRefs: [ref, ...(GROUPS[ref] ?? [])],
    };
  },
};

/** How a suite wants its app: config, users, services to observe. */
export interface TestAppOptions {
  provisioner: GrantProvisioner;
  knex: Awaited<ReturnType<TestDatabases['init']>>;
  config?: object;
  /** Permissions the test policy denies to everybody. */
  deniedPermissions?: string[];
  /**
   * Decides instead of the test policy, for a test that needs only ALLOW or
   * DENY: `mockServices.permissions()` or `mockServices.permissions.mock()`.
   */
  permissions?: PermissionsService;
  notifications?: NotificationService;
  auditor?: AuditorService;
  /** More catalog entities (users, resources) than the shared ones. */
  entities?: Entity[];
  assertAccountReady?: (accountId: string) => void;
}

export async function createTestApp(options: TestAppOptions) {
  const permissionsRegistry = await ServiceFactoryTester.from(
    mockServices.permissionsRegistry.factory(),
    // The registry serves the permission backend's integration routes; no
    // HTTP server here.
    { dependencies: [mockServices.httpRouter.mock().factory] },
  ).getSubject('aws-access');
  // Returned too, for tests that count what a request asks of them.
  const httpAuth = mockServices.httpAuth({
    defaultCredentials: mockCredentials.user(ALICE),
  });
  const permissions =
    options.permissions ??
    policyPermissions(
      testPolicy({
        adminGroup: 'group:default/aws-admins',
        denied: options.deniedPermissions,
      }),
      userInfo,
    );
  const services = await createAwsAccessServices({
    config: new ConfigReader(options.config ?? accessConfig),
    logger: mockServices.logger.mock(),
    database: mockServices.database({ knex: options.knex }),
    auth: mockServices.auth(),
    httpAuth,
    userInfo,
    permissions,
    permissionsRegistry,
    catalog: catalogServiceMock({
      entities: [...entities, ...(options.entities ?? [])],
    }),
    // Nothing here reaches AWS but through the provisioner.
    clientFactory: {
      clientConfig: async () => {
        throw new Error('no AWS in router tests');
      },
    },
    notifications: options.notifications,
    auditor: options.auditor,
    events: mockServices.events(),
    signals: { publish: async () => {} },
    custom: { provisioner: options.provisioner },
    // No onboarding-stack check against AWS unless a test asks for one.
    assertAccountReady: options.assertAccountReady ?? (() => {}),
    env: {},
  });
  const { store, engine, grants } = services;
  const app = express();
  for (const router of await services.apiRouters()) {
    app.use(router);
  }
  return {
    app: app.use(mockErrorHandler()),
    store,
    engine,
    grants,
    bundles: services.bundles,
    breakGlassReviewing: services.breakGlassReviewing,
    authorization: services.authorization,
    httpAuth,
    permissions,
    /** Resolves once the notifications sent so far have been delivered. */
    flushNotifications: async () => {
      await services.flush();
    },
  };
}

/** The app a test runs against, with the IAM it recorded and its database. */
export type TestHarness = Awaited<ReturnType<typeof createTestApp>> & {
  iam: RecordingProvisioner;
  knex: TestAppOptions['knex'];
};

/**
 * Gives every test of the calling suite a fresh app on an empty database
 * (`databaseId`, SQLite unless said) that records IAM in memory. The
 * harness is filled in before each test, so read it inside the tests.
 */
export function appPerTest(
  databases: TestDatabases,
  options: Omit<TestAppOptions, 'provisioner' | 'knex'> & {
    databaseId?: Parameters<TestDatabases['init']>[0];
  } = {},
): TestHarness {
  const { databaseId = 'SQLITE_3', ...appOptions } = options;
  const harness = {} as TestHarness;
  beforeEach(async () => {
    const iam = new RecordingProvisioner();
    const knex = await databases.init(databaseId);
    const app = await createTestApp({ ...appOptions, provisioner: iam, knex });
    Object.assign(harness, app, { iam, knex });
  });
  return harness;
}
