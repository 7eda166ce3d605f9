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
import {
  DEFAULT_PENDING_TIMEOUT_MINUTES,
  readApprovalConfig,
} from './readApprovalConfig';

const read = (approval: unknown) =>
  readApprovalConfig(new ConfigReader({ awsAccess: { approval } as any }));

describe('readApprovalConfig', () => {
  it('defaults to no rules (auto-approval) and a one-day timeout', () => {
    expect(readApprovalConfig(new ConfigReader({}))).toEqual({
      pendingTimeoutMinutes: DEFAULT_PENDING_TIMEOUT_MINUTES,
      rules: [],
    });
    expect(DEFAULT_PENDING_TIMEOUT_MINUTES).toBe(1440);
  });

  it('normalises group refs and defaults count to 1', () => {
    const rule = {
      accountIds: ['123456789012'],
      resourceOwners: ['Team-A', 'user:default/alice'],
      resourceTags: { env: 'prod' },
      accessLevels: ['Write', 'Permissions management'],
      approvers: 'groups',
      groups: ['security', 'group:ops/on-call'],
    };
    expect(read({ pendingTimeout: { hours: 1 }, rules: [rule] })).toEqual({
      pendingTimeoutMinutes: 60,
      rules: [
        {
          ...rule,
          resourceOwners: ['group:default/team-a', 'user:default/alice'],
          groups: ['group:default/security', 'group:ops/on-call'],
          count: 1,
        },
      ],
    });
  });

  it.each([
    [
      { rules: [{ approvers: 'manager' }] },
      "awsAccess.approval.rules[0].approvers must be one of auto, owner, groups, not 'manager'",
    ],
    [
      { rules: [{ approvers: 'auto' }, { approvers: 'groups' }] },
      'awsAccess.approval.rules[1].groups must name at least one group',
    ],
    [
      { rules: [{ approvers: 'owner', groups: ['a'] }] },
      "awsAccess.approval.rules[0].groups is only used with 'approvers: groups', not 'owner'",
    ],
    [
      { rules: [{ approvers: 'owner', count: 0 }] },
      'awsAccess.approval.rules[0].count must be a positive integer',
    ],
    [
      { rules: [{ approvers: 'owner', accessLevels: ['Admin'] }] },
      "awsAccess.approval.rules[0].accessLevels: 'Admin' is not one of List, Read, Tagging, Write, Permissions management",
    ],
    [
      { rules: [{ approvers: 'owner', accountIds: ['1234'] }] },
      "awsAccess.approval.rules[0].accountIds: '1234' must be a 12-digit account id",
    ],
    [
      { pendingTimeout: { minutes: 0 } },
      'awsAccess.approval.pendingTimeout must be whole minutes, at least 1 minute',
    ],
    [
      { pendingTimeout: '90s' },
      'awsAccess.approval.pendingTimeout must be whole minutes, at least 1 minute',
    ],
    [{ pendingTimeout: 'soon' }, 'awsAccess.approval.pendingTimeout'],
    [
      { pendingTimeoutMinutes: 60 },
      'awsAccess.approval.pendingTimeoutMinutes is replaced by awsAccess.approval.pendingTimeout',
    ],
  ])('refuses %j', (approval, message) => {
    expect(() => read(approval)).toThrow(message);
  });
});
