import {
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
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

/** Carol is in the admin group; everybody else owns only themselves. */
const userInfo: UserInfoService = {
  async getUserInfo(credentials) {
    const ref = (credentials.principal as BackstageUserPrincipal).userEntityRef;
    return {
      userEntityRef: ref,
      ownershipEntityRefs:
        ref === CAROL ? [ref, 'group:default/aws-admins'] : [ref],
    };
  },
};

export async function createTestApp(options: {
  provisioner: GrantProvisioner;
  knex: Awaited<ReturnType<TestDatabases['init']>>;
  config?: object;
}) {
  const config = readAwsAccessConfig(
    new ConfigReader(options.config ?? accessConfig),
  );
  const logger = mockServices.logger.mock();
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
  });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.user(ALICE),
    }),
    userInfo,
    grants,
  });
  return { app: express().use(router).use(mockErrorHandler()), store, engine };
}
