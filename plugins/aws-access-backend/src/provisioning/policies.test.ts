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

import { InputError } from '@backstage/errors';
import { runSimulation, Simulation } from '@cloud-copilot/iam-simulate';
import { IamDataActionCatalog } from '../iamActions/IamDataActionCatalog';
import {
  MAX_INLINE_ROLE_POLICY_CHARS,
  MAX_TRUST_POLICY_CHARS,
  renderGrantPolicies,
  renderMultiTargetPolicies,
} from './policies';

// Loading the IAM catalog takes seconds on a busy machine.
jest.setTimeout(30_000);

const ACCOUNT = '123456789012';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const BOB = `arn:aws:iam::${ACCOUNT}:user/bob`;
const BUCKET = 'arn:aws:s3:::granted-bucket';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/backstage-access/granted-bucket-g1`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/granted-bucket-g1/alice`;

const expiresAt = new Date('2030-06-01T12:00:00.000Z');
const before = '2030-06-01T11:59:59Z';
const after = '2030-06-01T12:00:01Z';

/** Anyone may try to assume roles; the trust policy decides. */
const assumeAnything = {
  name: 'assume-anything',
  policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
  },
};

async function decide(
  request: Omit<Simulation['request'], 'resource'> & { resource: string },
  policies: Pick<Simulation, 'identityPolicies' | 'resourcePolicy'>,
) {
  const response = await runSimulation(
    {
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...policies,
      request: {
        ...request,
        resource: { resource: request.resource, accountId: ACCOUNT },
      },
    },
    {},
  );
  if (response.resultType === 'error') {
    throw new Error(JSON.stringify(response.errors));
  }
  return response.overallResult;
}

/**
 * What the grant role's session may do under its permission policy: the
 * decision for an action on a resource, at a time (before expiry unless
 * told).
 */
function sessionUnder(permissionPolicy: string) {
  return (action: string, resource: string, time = before) =>
    decide(
      {
        principal: SESSION,
        action,
        resource,
        contextVariables: { 'aws:CurrentTime': time },
      },
      {
        identityPolicies: [
          { name: 'grant', policy: JSON.parse(permissionPolicy) },
        ],
      },
    );
}

describe('renderGrantPolicies', () => {
  let catalog: IamDataActionCatalog;

  beforeAll(async () => {
    catalog = await IamDataActionCatalog.create();
  });

  function render(actions: string[], principals = [ALICE]) {
    return renderGrantPolicies({
      trustPrincipalArns: principals,
      statements: catalog.buildStatements(BUCKET, actions),
      expiresAt,
    });
  }

  it('renders compact documents with the expiry to the second', () => {
    const { trustPolicy, permissionPolicy } = render(['s3:GetObject']);
    expect(trustPolicy).not.toMatch(/\s/);
    expect(JSON.parse(trustPolicy).Statement[0].Condition).toEqual({
      DateLessThan: { 'aws:CurrentTime': '2030-06-01T12:00:00Z' },
    });
    expect(JSON.parse(permissionPolicy).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: [`${BUCKET}/*`],
        Condition: {
          DateLessThan: { 'aws:CurrentTime': '2030-06-01T12:00:00Z' },
        },
      },
    ]);
  });

  describe('as IAM evaluates them', () => {
    it('lets only the named principal assume the role, and only until expiry', async () => {
      const { trustPolicy } = render(['s3:GetObject']);
      const assume = (principal: string, time: string) =>
        decide(
          {
            principal,
            action: 'sts:AssumeRole',
            resource: ROLE,
            contextVariables: { 'aws:CurrentTime': time },
          },
          {
            identityPolicies: [assumeAnything],
            resourcePolicy: JSON.parse(trustPolicy),
          },
        );
      await expect(assume(ALICE, before)).resolves.toBe('Allowed');
      await expect(assume(ALICE, after)).resolves.not.toBe('Allowed');
      await expect(assume(BOB, before)).resolves.not.toBe('Allowed');
    });

    it('allows exactly the granted actions on the granted resource until expiry', async () => {
      const { permissionPolicy } = render(['s3:GetObject', 's3:ListBucket']);
      const use = sessionUnder(permissionPolicy);
      await expect(use('s3:GetObject', `${BUCKET}/a/b.txt`)).resolves.toBe(
        'Allowed',
      );
      await expect(use('s3:ListBucket', BUCKET)).resolves.toBe('Allowed');
      await expect(
        use('s3:GetObject', `${BUCKET}/a/b.txt`, after),
      ).resolves.not.toBe('Allowed');
      await expect(use('s3:ListBucket', BUCKET, after)).resolves.not.toBe(
        'Allowed',
      );
      await expect(use('s3:PutObject', `${BUCKET}/a/b.txt`)).resolves.not.toBe(
        'Allowed',
      );
      await expect(use('s3:DeleteBucket', BUCKET)).resolves.not.toBe('Allowed');
      await expect(
        use('s3:GetObject', 'arn:aws:s3:::other-bucket/a/b.txt'),
      ).resolves.not.toBe('Allowed');
    });
  });

  it('refuses a permission policy over the inline policy limit, naming actions', () => {
    const statements = [
      {
        actions: ['s3:GetObject'],
        resources: Array.from(
          { length: 400 },
          (_, i) => `${BUCKET}/some/long/prefix-${i}/*`,
        ),
      },
    ];
    expect(() =>
      renderGrantPolicies({
        trustPrincipalArns: [ALICE],
        statements,
        expiresAt,
      }),
    ).toThrow(InputError);
    expect(() =>
      renderGrantPolicies({
        trustPrincipalArns: [ALICE],
        statements,
        expiresAt,
      }),
    ).toThrow(
      new RegExp(
        `^actions: the permission policy would be \\d+ characters, over IAM's limit of ${MAX_INLINE_ROLE_POLICY_CHARS}`,
      ),
    );
  });

  it('accepts every action of a bucket, which fits the limit', () => {
    const all = catalog.listActions(BUCKET).map(item => item.action);
    const { permissionPolicy } = render(all);
    expect(permissionPolicy.length).toBeLessThanOrEqual(
      MAX_INLINE_ROLE_POLICY_CHARS,
    );
  });

  it('refuses a trust policy over its limit, naming trustPrincipalArns', () => {
    const principals = Array.from(
      { length: 60 },
      (_, i) => `arn:aws:iam::${ACCOUNT}:user/some-user-${i}`,
    );
    expect(() => render(['s3:GetObject'], principals)).toThrow(
      new RegExp(
        `^trustPrincipalArns: the trust policy would be \\d+ characters, over IAM's limit of ${MAX_TRUST_POLICY_CHARS}`,
      ),
    );
  });

  it('refuses a grant nobody could assume or that allows nothing', () => {
    expect(() => render(['s3:GetObject'], [])).toThrow(/^trustPrincipalArns: /);
    expect(() =>
      renderGrantPolicies({
        trustPrincipalArns: [ALICE],
        statements: [],
        expiresAt,
      }),
    ).toThrow(/^actions: /);
  });
});

describe('renderMultiTargetPolicies', () => {
  const OTHER_BUCKET = 'arn:aws:s3:::other-bucket';
  let catalog: IamDataActionCatalog;

  beforeAll(async () => {
    catalog = await IamDataActionCatalog.create();
  });

  const render = (
    targets: Array<[string, string[]]>,
    role = {
      roleName: 'granted-bucket-0f8fad5bd9cb',
      rolePath: '/backstage-access/',
    },
  ) =>
    renderMultiTargetPolicies({
      trustPrincipalArns: [ALICE],
      targets: targets.map(([arn, actions]) => ({
        statements: catalog.buildStatements(arn, actions),
      })),
      expiresAt,
      ...role,
    });

  it('gives each resource exactly its own actions, until the one expiry', async () => {
    const { permissionPolicy } = render([
      [BUCKET, ['s3:GetObject']],
      [OTHER_BUCKET, ['s3:ListBucket']],
    ]);
    const use = sessionUnder(permissionPolicy);
    await expect(use('s3:GetObject', `${BUCKET}/a.txt`)).resolves.toBe(
      'Allowed',
    );
    await expect(use('s3:ListBucket', OTHER_BUCKET)).resolves.toBe('Allowed');
    // No action spills over to the other target.
    await expect(use('s3:ListBucket', BUCKET)).resolves.not.toBe('Allowed');
    await expect(
      use('s3:GetObject', `${OTHER_BUCKET}/a.txt`),
    ).resolves.not.toBe('Allowed');
    await expect(use('s3:ListBucket', OTHER_BUCKET, after)).resolves.not.toBe(
      'Allowed',
    );
    expect(JSON.parse(permissionPolicy).Statement).toHaveLength(2);
  });

  it('checks the whole role against the inline policy limit, naming targets', () => {
    const all = catalog.listActions(BUCKET).map(item => item.action);
    // One bucket with every action fits; four do not.
    expect(() => render([[BUCKET, all]])).not.toThrow();
    const buckets = Array.from(
      { length: 4 },
      (_, i) => [`arn:aws:s3:::bucket-${i}`, all] as [string, string[]],
    );
    expect(() => render(buckets)).toThrow(
      new RegExp(
        `^targets: the permission policy would be \\d+ characters, over IAM's limit of ${MAX_INLINE_ROLE_POLICY_CHARS}`,
      ),
    );
  });

  it('refuses a role name or path IAM or the console would refuse, naming targets', () => {
    for (const role of [
      { roleName: 'x'.repeat(65), rolePath: '/' },
      {
        roleName: 'granted-bucket-0f8fad5bd9cb',
        rolePath: `/${'p'.repeat(50)}/`,
      },
    ]) {
      expect(() => render([[BUCKET, ['s3:GetObject']]], role)).toThrow(
        /^targets: the role .* would not fit IAM's limits/,
      );
    }
  });
});
