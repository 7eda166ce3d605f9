import {
  AuditorService,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ApprovalPolicy } from '../../approval/ApprovalPolicy';
import { GrantAuditor } from '../../notifications/GrantAuditor';
import { GrantNotifications } from '../../notifications/GrantNotifications';
import { createGrantLifecycleListener } from '../grantLifecycleListener';
import {
  policyPermissions,
  testPermissionEvaluators,
  testPolicy,
} from './testPermissions';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_PRINCIPAL_ARN,
} from 'backstage-plugin-aws-access-common';
import express from 'express';
import { IamDataActionCatalog } from '../../actions/IamDataActionCatalog';
import { readAwsAccessConfig } from '../../config/AwsAccessConfig';
import { DatabaseGrantStore } from '../../database/DatabaseGrantStore';
import { GrantProvisioner } from '../../provisioning/types';
import { AccountResolver } from '../AccountResolver';
import { GrantEngine } from '../GrantEngine';
import { GrantService } from '../GrantService';
import { PrincipalResolver } from '../PrincipalResolver';
import { createRouter } from '../router';

/** The router wired as the plugin wires it, with test users and catalog. */

export const HOME = '123456789012';
export const OTHER = '210987654321';
export const ALICE = 'user:default/alice';
export const BOB = 'user:default/bob';
export const CAROL = 'user:default/carol';
/** Members of group:default/security, the approvers of `groups` rules in tests. */
export const DAN = 'user:default/dan';
export const ERIN = 'user:default/erin';
/** Owner of the catalogued bucket; BOB is a member. */
export const TEAM = 'group:default/team';
export const SECURITY = 'group:default/security';
export const CATALOGUED_BUCKET = 'arn:aws:s3:::catalogued-bucket';
export const BUCKET = 'arn:aws:s3:::granted-bucket';
export const QUEUE = `arn:aws:sqs:us-east-1:${HOME}:orders`;

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
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'bob', namespace: 'default' },
    spec: {},
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'catalogued-bucket',
      namespace: 'default',
      annotations: {
        [ANNOTATION_AWS_ARN]: 'arn:aws:s3:::catalogued-bucket',
        [ANNOTATION_AWS_ACCOUNT_ID]: OTHER,
      },
    },
    spec: { type: 's3-bucket', owner: 'group:default/team' },
  },
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

export async function createTestApp(options: {
  provisioner: GrantProvisioner;
  knex: Awaited<ReturnType<TestDatabases['init']>>;
  config?: object;
  /** Permissions the test policy denies to everybody. */
  deniedPermissions?: string[];
  notifications?: NotificationService;
  auditor?: AuditorService;
  assertAccountReady?: (accountId: string) => void;
}) {
  const rootConfig = new ConfigReader(options.config ?? accessConfig);
  const config = readAwsAccessConfig(rootConfig);
  const logger = mockServices.logger.mock();
  // One instance, as in the plugin: its queue keeps notifications in order.
  const notifications =
    options.notifications &&
    new GrantNotifications({ notifications: options.notifications, logger });
  const store = await DatabaseGrantStore.create({
    database: mockServices.database({ knex: options.knex }),
  });
  const engine = new GrantEngine({
    store,
    provisioner: options.provisioner,
    logger,
    rolePath: config.rolePath,
  });
  const catalog = catalogServiceMock({ entities });
  const auth = mockServices.auth();
  const grants = new GrantService({
    config: () => config,
    store,
    engine,
    actions: await IamDataActionCatalog.create(),
    accounts: new AccountResolver({
      accounts: () => config.accounts,
      catalog,
      auth,
      logger,
    }),
    principals: new PrincipalResolver({ catalog, auth, logger }),
    approvals: ApprovalPolicy.fromConfig(rootConfig),
    notifications,
    auditor: options.auditor && new GrantAuditor(options.auditor),
    assertAccountReady: options.assertAccountReady,
  });
  engine.onChange(
    createGrantLifecycleListener({
      notifications,
      auditor: options.auditor && new GrantAuditor(options.auditor),
    }),
  );
  const router = await createRouter({
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.user(ALICE),
    }),
    userInfo,
    permissions: policyPermissions(
      testPolicy({
        adminGroup: 'group:default/aws-admins',
        denied: options.deniedPermissions,
      }),
      userInfo,
    ),
    permissionEvaluators: testPermissionEvaluators,
    grants,
  });
  return {
    app: express().use(router).use(mockErrorHandler()),
    store,
    engine,
    grants,
    /** Resolves once the notifications sent so far have been delivered. */
    flushNotifications: async () => {
      await notifications?.flush();
    },
  };
}
