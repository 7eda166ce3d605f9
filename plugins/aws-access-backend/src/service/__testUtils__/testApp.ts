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
import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import {
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_PRINCIPAL_ARN,
} from 'backstage-plugin-aws-access-common';
import { TRUSTED_RESOURCE_LOCATION } from '../../config/AwsAccessConfig';
import express from 'express';
import { IamDataActionCatalog } from '../../actions/IamDataActionCatalog';
import { readAwsAccessConfig } from '../../config/AwsAccessConfig';
import { DatabaseGrantStore } from '../../database/DatabaseGrantStore';
import { GrantProvisioner } from '../../provisioning/types';
import { AccountResolver } from '../AccountResolver';
import { GrantEngine } from '../GrantEngine';
import { readGrantPresentationConfig } from '../grantPresentation';
import { GrantService } from '../GrantService';
import { PrincipalResolver } from '../PrincipalResolver';
import { ResourceInventory } from '../../resources/ResourceInventory';
import { managedNames } from '../../resources/managedNames';
import { createRouter } from '../router';
import { createGrantAuthorization } from '../grantAuthorization';
import {
  createBreakGlassReviewing,
  createBreakGlassRouter,
} from '../../breakGlass/breakGlassRouter';
import { createAccessReviewRouter } from '../../export/accessReviewExport';
import {
  BreakGlassReviews,
  readBreakGlassConfig,
} from '../../breakGlass/BreakGlass';

/** The router wired as the plugin wires it, with test users and catalog. */

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
function user(name: string, accountId: string): Entity {
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
  ...['bob', 'carol', 'dan', 'erin'].map(name => user(name, HOME)),
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

export async function createTestApp(options: {
  provisioner: GrantProvisioner;
  knex: Awaited<ReturnType<TestDatabases['init']>>;
  config?: object;
  /** Permissions the test policy denies to everybody. */
  deniedPermissions?: string[];
  notifications?: NotificationService;
  auditor?: AuditorService;
  /** More catalog entities (users, resources) than the shared ones. */
  entities?: Entity[];
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
  const catalog = catalogServiceMock({
    entities: [...entities, ...(options.entities ?? [])],
  });
  const auth = mockServices.auth();
  const breakGlassReviews = await BreakGlassReviews.create({
    database: mockServices.database({ knex: options.knex }),
  });
  const grants = new GrantService({
    breakGlass: {
      config: readBreakGlassConfig(rootConfig),
      reviews: breakGlassReviews,
    },
    config: () => config,
    store,
    engine,
    actions: await IamDataActionCatalog.create(),
    accounts: new AccountResolver({
      accounts: () => config.accounts,
      requireInventory: () => config.inventory.required,
      inventory: new ResourceInventory({
        catalog,
        auth,
        logger,
        trustedLocations: () => config.inventory.trustedLocations,
      }),
    }),
    principals: new PrincipalResolver({
      catalog,
      auth,
      logger,
      policy: {
        allowedAccountIds: () => config.principals.allowedAccountIds,
        allowFallback: () => config.principals.allowFallback,
      },
    }),
    managedNames: () => managedNames(config),
    approvals: ApprovalPolicy.fromConfig(rootConfig),
    presentation: readGrantPresentationConfig(rootConfig, {}),
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
  const httpAuth = mockServices.httpAuth({
    defaultCredentials: mockCredentials.user(ALICE),
  });
  const permissions = policyPermissions(
    testPolicy({
      adminGroup: 'group:default/aws-admins',
      denied: options.deniedPermissions,
    }),
    userInfo,
  );
  const router = await createRouter({
    httpAuth,
    userInfo,
    permissions,
    permissionEvaluators: testPermissionEvaluators,
    grants,
  });
  const authorization = createGrantAuthorization({
    permissions,
    permissionEvaluators: testPermissionEvaluators,
    getGrant: id => grants.mustGet(id),
  });
  const breakGlassReviewing = createBreakGlassReviewing({
    authorization,
    grants,
    reviews: breakGlassReviews,
    auditor: options.auditor,
    permissions,
    permissionEvaluators: testPermissionEvaluators,
  });
  const breakGlassRouter = createBreakGlassRouter({
    httpAuth,
    userInfo,
    reviewing: breakGlassReviewing,
  });
  return {
    app: express()
      .use(router)
      .use(breakGlassRouter)
      .use(
        createAccessReviewRouter({
          httpAuth,
          authorization,
          store,
          reviews: breakGlassReviews,
        }),
      )
      .use(mockErrorHandler()),
    store,
    engine,
    grants,
    breakGlassReviewing,
    /** Resolves once the notifications sent so far have been delivered. */
    flushNotifications: async () => {
      await notifications?.flush();
    },
  };
}
