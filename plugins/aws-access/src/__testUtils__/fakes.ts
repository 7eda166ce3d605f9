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

import { ResponseError } from '@backstage/errors';
import { screen } from '@testing-library/react';
import type {
  ActionInfo,
  AwsAccessApi,
  AwsAccount,
  Grant,
  GrantWithEvents,
} from '@backstage-aws-access/plugin-aws-access-common';

/** What methods of the API resolve to, by method name. */
export type FakeApiAnswers = {
  [Method in keyof AwsAccessApi]?: Awaited<
    ReturnType<NonNullable<AwsAccessApi[Method]>>
  >;
};

/**
 * An AwsAccessApi whose every method, the optional ones included, is a
 * jest.fn(). `answers` sets what methods resolve to; tests mock sequences
 * and failures themselves.
 */
export function createFakeAwsAccessApi(answers: FakeApiAnswers = {}) {
  const api = createBlankApi();
  for (const [method, answer] of Object.entries(answers)) {
    (api[method as keyof typeof api] as jest.Mock).mockResolvedValue(answer);
  }
  return api;
}

function createBlankApi(): jest.Mocked<
  Required<Omit<AwsAccessApi, 'exportGrants' | 'prepareNewAccount'>>
> &
  jest.Mocked<AwsAccessApi> {
  return {
    listAccounts: jest.fn().mockResolvedValue({ items: [] }),
    listActions: jest.fn().mockResolvedValue({ items: [] }),
    createGrant: jest.fn(),
    previewGrant: jest.fn().mockRejectedValue(new Error('no preview here')),
    listGrants: jest.fn().mockResolvedValue({ items: [] }),
    getGrant: jest.fn(),
    revokeGrant: jest.fn(),
    extendGrant: jest.fn(),
    approveGrant: jest.fn(),
    rejectGrant: jest.fn(),
    cancelGrant: jest.fn(),
    getOnboarding: jest.fn(),
    offboardAccount: jest.fn(),
    listBreakGlassReviews: jest.fn().mockResolvedValue({ items: [] }),
    reviewBreakGlass: jest.fn(),
    createBundle: jest.fn(),
    previewBundle: jest.fn().mockRejectedValue(new Error('no preview here')),
    getBundle: jest.fn(),
    approveBundle: jest.fn(),
    rejectBundle: jest.fn(),
    cancelBundle: jest.fn(),
    revokeBundle: jest.fn(),
    extendBundle: jest.fn(),
  };
}

/** A promise that never settles, to hold a component in its loading state. */
export const never = <T>() => new Promise<T>(() => {});

/** The error the real client throws for a 4xx answer, as the API words it. */
export async function apiError(
  status: number,
  message: string,
  name = 'InputError',
  extra: Record<string, unknown> = {},
): Promise<ResponseError> {
  const body = JSON.stringify({
    error: { name, message, ...extra },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    ok: false,
    status,
    statusText: status === 400 ? 'Bad Request' : 'Error',
    headers: new Map([['content-type', 'application/json']]) as any,
    redirected: false,
    type: 'basic',
    url: 'http://localhost/api/aws-access',
    text: async () => body,
  } as any);
}

export const BUCKET_ARN = 'arn:aws:s3:::demo-reports';
export const ROLE_ARN =
  'arn:aws:iam::123456789012:role/backstage-access/grant-3f2a9c1e';

export const ACTIONS: ActionInfo[] = [
  {
    action: 's3:ListBucket',
    accessLevel: 'List',
    description: 'Grants permission to list some or all of the objects',
  },
  {
    action: 's3:GetObject',
    accessLevel: 'Read',
    description: 'Grants permission to retrieve objects from Amazon S3',
  },
  {
    action: 's3:GetBucketTagging',
    accessLevel: 'Read',
    description: 'Grants permission to return the tag set of a bucket',
  },
  {
    action: 's3:PutObject',
    accessLevel: 'Write',
    description: 'Grants permission to add an object to a bucket',
  },
  {
    action: 's3:PutBucketPolicy',
    accessLevel: 'Permissions management',
    description: 'Grants permission to add or replace a bucket policy',
  },
];

/** The onboarded sandbox account the demo bucket lives in. */
export function makeAccount(overrides: Partial<AwsAccount> = {}): AwsAccount {
  return {
    accountId: '123456789012',
    name: 'sandbox',
    regions: ['us-east-1'],
    status: 'connected',
    templateVersion: 1,
    ...overrides,
  };
}

/** The table row a text stands in, e.g. an account's by its name. */
export function rowOf(text: string): HTMLElement {
  return screen.getByText(text).closest('tr')!;
}

export function makeGrant(overrides: Partial<Grant> = {}): Grant {
  const now = Date.now();
  return {
    id: '3f2a9c1e-7d6b-4b1a-9f0e-0a1b2c3d4e5f',
    state: 'active',
    requester: 'user:development/guest',
    resourceArn: BUCKET_ARN,
    resourceType: 's3:bucket',
    accountId: '123456789012',
    region: 'us-east-1',
    actions: ['s3:GetObject'],
    reason: 'Debug the nightly report',
    durationMinutes: 15,
    createdAt: new Date(now - 60_000).toISOString(),
    // What the backend answers for a grant no rule asked approval for.
    approvedAt: new Date(now - 60_000).toISOString(),
    approvedBy: 'auto',
    activatedAt: new Date(now - 55_000).toISOString(),
    expiresAt: new Date(now + 14 * 60_000).toISOString(),
    roleArn: ROLE_ARN,
    roleName: 'grant-3f2a9c1e',
    signInUrl:
      'https://signin.aws.amazon.com/switchrole?roleName=backstage-access%2Fgrant-3f2a9c1e&account=123456789012',
    ...overrides,
  };
}

export function withEvents(grant: Grant): GrantWithEvents {
  return {
    ...grant,
    events: [
      {
        id: 1,
        grantId: grant.id,
        type: 'requested',
        toState: 'provisioning',
        actor: grant.requester,
        reason: grant.reason,
        createdAt: grant.createdAt,
      },
      {
        id: 2,
        grantId: grant.id,
        type: 'activated',
        fromState: 'provisioning',
        toState: 'active',
        actor: 'system',
        createdAt: grant.activatedAt ?? grant.createdAt,
      },
    ],
  };
}

/**
 * A grant and a fake API that knows it, as the backend does once the grant
 * exists: getGrant answers it with its history, listGrants lists it.
 */
export function givenGrant(overrides: Partial<Grant> = {}) {
  const grant = makeGrant(overrides);
  const api = createFakeAwsAccessApi({
    getGrant: withEvents(grant),
    listGrants: { items: [grant] },
  });
  return { api, grant };
}

export const resourceEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'demo-reports',
    namespace: 'default',
    annotations: {
      'aws.amazon.com/arn': BUCKET_ARN,
      'aws.amazon.com/account-id': '123456789012',
    },
  },
  spec: { type: 's3-bucket', owner: 'group:default/platform' },
};

export const grantEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'grant-3f2a9c1e',
    namespace: 'default',
    annotations: {
      'aws-access/role-arn': ROLE_ARN,
      'aws-access/grant-id': '3f2a9c1e-7d6b-4b1a-9f0e-0a1b2c3d4e5f',
    },
  },
  spec: { type: 'aws-access-grant', owner: 'user:development/guest' },
};
