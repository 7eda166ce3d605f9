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

import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { readAwsAccessConfig } from '../config/AwsAccessConfig';
import {
  MotoServer,
  isMotoAvailable,
  startMotoServer,
} from '../testUtils/motoServer';
import { DefaultAwsClientFactory } from './DefaultAwsClientFactory';

const HOME = '123456789012';
const OTHER = '210987654321';
const THIRD = '333333333333';

function factoryFor(data: object) {
  const rootConfig = new ConfigReader(data);
  return DefaultAwsClientFactory.fromConfig(
    rootConfig,
    readAwsAccessConfig(rootConfig),
  );
}

const accessConfig = {
  awsAccess: {
    accounts: [
      { accountId: HOME, name: 'home', regions: ['us-east-1'] },
      {
        accountId: OTHER,
        name: 'other',
        regions: ['eu-west-1'],
        managerRoleArn: `arn:aws:iam::${OTHER}:role/BackstageAccessManager`,
        externalId: 'ext-123',
      },
      {
        accountId: THIRD,
        name: 'third',
        regions: ['us-west-2'],
        managerRoleArn: `arn:aws:iam::${THIRD}:role/ops/BackstageAccessManager`,
        readerRoleArn: `arn:aws:iam::${THIRD}:role/BackstageAccessReader`,
      },
    ],
  },
};

/** Creates a role in another moto account, as an account owner would. */
async function createRoleIn(accountId: string, path: string, name: string) {
  const iam = new IAMClient({ region: 'us-east-1' });
  iam.middlewareStack.add(
    next => async args => {
      (args.request as { headers: Record<string, string> }).headers[
        'x-moto-account-id'
      ] = accountId;
      return next(args);
    },
    { step: 'build' },
  );
  await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      Path: path,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${HOME}:root` },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    }),
  );
}

async function whoAmI(
  factory: DefaultAwsClientFactory,
  accountId: string,
  purpose: 'manage' | 'read',
) {
  const sts = new STSClient(await factory.clientConfig(accountId, purpose));
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  return { account: identity.Account, arn: identity.Arn };
}

/** How often each role has been assumed so far, as moto recorded it. */
async function assumeRoleCounts(
  moto: MotoServer,
): Promise<Record<string, number>> {
  const res = await fetch(`${moto.endpoint}/moto-api/data.json`);
  const data = (await res.json()) as {
    sts?: { AssumedRole?: Array<{ role_arn: string }> };
  };
  const counts: Record<string, number> = {};
  for (const { role_arn: roleArn } of data.sts?.AssumedRole ?? []) {
    counts[roleArn] = (counts[roleArn] ?? 0) + 1;
  }
  return counts;
}

describe('DefaultAwsClientFactory', () => {
  it.each([
    {
      roles: {
        managerRoleArn: `arn:aws:iam::${HOME}:role/BackstageAccessManager`,
      },
      error: `the manage role 'arn:aws:iam::${HOME}:role/BackstageAccessManager' must be a role in account ${OTHER}`,
    },
    {
      roles: { readerRoleArn: 'arn:aws:s3:::not-a-role' },
      error: `the read role of account ${OTHER} must be an IAM role ARN`,
    },
  ])(
    'refuses role ARNs that are not roles of the account they serve ($error)',
    ({ roles, error }) => {
      const account = {
        accountId: OTHER,
        name: 'other',
        regions: ['us-east-1'],
      };
      expect(() =>
        factoryFor({ awsAccess: { accounts: [{ ...account, ...roles }] } }),
      ).toThrow(error);
    },
  );

  it('answers NotFoundError for an account that is not configured', async () => {
    await expect(
      factoryFor(accessConfig).clientConfig('999999999999', 'manage'),
    ).rejects.toThrow(NotFoundError);
  });

  it('uses the requested region, else the first configured one', async () => {
    const factory = factoryFor(accessConfig);
    await expect(factory.clientConfig(OTHER, 'manage')).resolves.toMatchObject({
      region: 'eu-west-1',
    });
    await expect(
      factory.clientConfig(OTHER, 'manage', 'ap-south-1'),
    ).resolves.toMatchObject({ region: 'ap-south-1' });
  });

  const describeMoto = isMotoAvailable() ? describe : describe.skip;

  describeMoto('against moto', () => {
    let moto: MotoServer;

    beforeAll(async () => {
      moto = await startMotoServer();
      await createRoleIn(OTHER, '/', 'BackstageAccessManager');
      await createRoleIn(THIRD, '/ops/', 'BackstageAccessManager');
      await createRoleIn(THIRD, '/', 'BackstageAccessReader');
    }, 30_000);

    afterAll(async () => {
      await moto?.stop();
    });

    it('acts in another account through its manager role, in a session named backstage', async () => {
      await expect(
        whoAmI(factoryFor(accessConfig), OTHER, 'manage'),
      ).resolves.toEqual({
        account: OTHER,
        arn: `arn:aws:sts::${OTHER}:assumed-role/BackstageAccessManager/backstage`,
      });
    });

    it.each([
      // Without a reader role, reading goes through the manager role too.
      [OTHER, 'read', 'BackstageAccessManager'],
      [THIRD, 'read', 'BackstageAccessReader'],
      [THIRD, 'manage', 'BackstageAccessManager'],
    ] as const)(
      'in account %s, acts to %s through %s',
      async (account, purpose, role) => {
        await expect(
          whoAmI(factoryFor(accessConfig), account, purpose),
        ).resolves.toMatchObject({
          account,
          arn: expect.stringContaining(`assumed-role/${role}/`),
        });
      },
    );

    it('uses the default credential chain for an account without a role', async () => {
      const factory = factoryFor(accessConfig);
      await expect(whoAmI(factory, HOME, 'manage')).resolves.toMatchObject({
        account: HOME,
      });
    });

    it('refuses an account without a role that the default credentials do not belong to', async () => {
      const factory = factoryFor({
        awsAccess: {
          accounts: [
            { accountId: OTHER, name: 'other', regions: ['us-east-1'] },
          ],
        },
      });
      await expect(factory.clientConfig(OTHER, 'manage')).rejects.toThrow(
        /no AWS integration that matches 210987654321/,
      );
    });

    it('reuses one credential provider per account and purpose', async () => {
      const factory = factoryFor(accessConfig);
      const first = await factory.clientConfig(OTHER, 'manage');
      const second = await factory.clientConfig(OTHER, 'manage', 'us-west-2');
      const home = await factory.clientConfig(HOME, 'manage');
      expect(second.credentials).toBe(first.credentials);
      expect(home.credentials).not.toBe(first.credentials);
    });

    it('assumes each role once per account and purpose, however many clients use it', async () => {
      const factory = factoryFor(accessConfig);
      const before = await assumeRoleCounts(moto);

      // Several clients per account and purpose, in different regions and
      // all at once, as a discovery run makes them.
      const uses: Array<[string, 'manage' | 'read', string | undefined]> = [
        [OTHER, 'manage', undefined],
        [OTHER, 'manage', 'us-west-2'],
        [OTHER, 'manage', 'eu-west-1'],
        [THIRD, 'read', undefined],
        [THIRD, 'read', 'us-east-1'],
        [THIRD, 'manage', undefined],
        [THIRD, 'manage', 'eu-west-1'],
      ];
      await Promise.all(
        uses.flatMap(([accountId, purpose, region]) => [
          factory
            .clientConfig(accountId, purpose, region)
            .then(config =>
              new STSClient(config).send(new GetCallerIdentityCommand({})),
            ),
          factory
            .clientConfig(accountId, purpose, region)
            .then(config =>
              new S3Client(config).send(new ListBucketsCommand({})),
            ),
        ]),
      );

      const after = await assumeRoleCounts(moto);
      const assumed = (roleArn: string) =>
        (after[roleArn] ?? 0) - (before[roleArn] ?? 0);
      expect(assumed(`arn:aws:iam::${OTHER}:role/BackstageAccessManager`)).toBe(
        1,
      );
      expect(
        assumed(`arn:aws:iam::${THIRD}:role/ops/BackstageAccessManager`),
      ).toBe(1);
      expect(assumed(`arn:aws:iam::${THIRD}:role/BackstageAccessReader`)).toBe(
        1,
      );
    });
  });
});
