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

import { ConfigReader } from '@backstage/config';
import { highestAccessLevel, matchApprovalRule } from './matchApprovalRule';
import { readApprovalConfig } from './readApprovalConfig';
import { ApprovalRequest } from '@backstage-aws-access/plugin-aws-access-node';

const SANDBOX = '123456789012';
const PRODUCTION = '210987654321';

/** The demo's policy, written as an adopter would in app-config.yaml. */
const { rules } = readApprovalConfig(
  new ConfigReader({
    awsAccess: {
      approval: {
        rules: [
          {
            resourceTags: { 'data-classification': 'restricted' },
            approvers: 'groups',
            groups: ['security', 'platform-team'],
            count: 2,
          },
          { accountIds: [PRODUCTION], approvers: 'owner' },
          {
            accountIds: [SANDBOX],
            accessLevels: ['List', 'Read'],
            approvers: 'auto',
          },
          {
            accountIds: [SANDBOX],
            resourceOwners: ['team-data'],
            approvers: 'groups',
            groups: ['group:default/team-data-leads'],
          },
          { accountIds: [SANDBOX], approvers: 'owner' },
        ],
      },
    },
  }),
);

const request = (overrides: Partial<ApprovalRequest>): ApprovalRequest => ({
  accountId: SANDBOX,
  resourceOwner: 'group:default/team-payments',
  resourceTags: {},
  accessLevels: ['Read'],
  ...overrides,
});

describe('highestAccessLevel', () => {
  it.each([
    [['List', 'Read'], 'Read'],
    [['Read', 'Tagging'], 'Tagging'],
    [['Tagging', 'Write', 'List'], 'Write'],
    [['Write', 'Permissions management', 'Read'], 'Permissions management'],
    [['List'], 'List'],
    [[], undefined],
  ] as const)('of %j is %s', (levels, expected) => {
    expect(highestAccessLevel(levels)).toBe(expected);
  });

  it('refuses a level IAM does not have', () => {
    expect(() => highestAccessLevel(['Admin' as any])).toThrow(
      "Unknown access level 'Admin'",
    );
  });
});

describe('matchApprovalRule', () => {
  it.each([
    {
      name: 'read in the sandbox is approved at once',
      request: request({ accessLevels: ['List', 'Read'] }),
      expected: { mode: 'auto', ruleIndex: 2 },
    },
    {
      name: 'write in the sandbox asks the resource owner',
      request: request({ accessLevels: ['Read', 'Write'] }),
      expected: {
        mode: 'owner',
        approverGroups: ['group:default/team-payments'],
        count: 1,
        ruleIndex: 4,
      },
    },
    {
      name: 'tagging is above read, so it is not auto-approved',
      request: request({ accessLevels: ['Read', 'Tagging'] }),
      expected: expect.objectContaining({ mode: 'owner', ruleIndex: 4 }),
    },
    {
      name: 'read in production still asks the owner',
      request: request({ accountId: PRODUCTION, accessLevels: ['Read'] }),
      expected: expect.objectContaining({ mode: 'owner', ruleIndex: 1 }),
    },
    {
      name: 'a resource owned by team-data goes to its leads',
      request: request({
        resourceOwner: 'group:default/team-data',
        accessLevels: ['Write'],
      }),
      expected: {
        mode: 'groups',
        approverGroups: ['group:default/team-data-leads'],
        count: 1,
        ruleIndex: 3,
      },
    },
    {
      name: 'owners compare without case',
      request: request({
        resourceOwner: 'group:default/Team-Data',
        accessLevels: ['Write'],
      }),
      expected: expect.objectContaining({ ruleIndex: 3 }),
    },
    {
      name: 'a restricted resource needs two approvers, whatever the account',
      request: request({
        accountId: PRODUCTION,
        resourceTags: { 'data-classification': 'restricted', team: 'x' },
      }),
      expected: {
        mode: 'groups',
        approverGroups: [
          'group:default/security',
          'group:default/platform-team',
        ],
        count: 2,
        ruleIndex: 0,
      },
    },
    {
      name: 'a tag with another value does not match',
      request: request({
        resourceTags: { 'data-classification': 'internal' },
      }),
      expected: { mode: 'auto', ruleIndex: 2 },
    },
    {
      name: 'an account no rule names is approved at once (the default)',
      request: request({ accountId: '111111111111', accessLevels: ['Write'] }),
      expected: { mode: 'auto' },
    },
    {
      name: 'an owner rule on an unowned resource names no approvers',
      request: request({ resourceOwner: undefined, accessLevels: ['Write'] }),
      expected: {
        mode: 'owner',
        approverGroups: [],
        count: 1,
        ruleIndex: 4,
      },
    },
  ])('$name', ({ request: input, expected }) => {
    expect(matchApprovalRule(rules, input)).toEqual(expected);
  });

  it('approves everything when no rules are configured', () => {
    expect(
      matchApprovalRule(
        [],
        request({ accessLevels: ['Permissions management'] }),
      ),
    ).toEqual({ mode: 'auto' });
  });

  it('does not match an access-level rule when the request names no levels', () => {
    expect(
      matchApprovalRule(
        [{ accessLevels: ['List'], approvers: 'owner', count: 1 }],
        request({ accessLevels: [] }),
      ),
    ).toEqual({ mode: 'auto' });
  });
});
