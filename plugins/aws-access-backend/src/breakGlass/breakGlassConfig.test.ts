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
import { readApprovalConfig } from '../approval/readApprovalConfig';
import { matchApprovalRule } from '../approval/matchApprovalRule';
import { readBreakGlassConfig } from './BreakGlass';

describe('break-glass configuration', () => {
  it('reads breakGlass on owner and groups rules and carries it to the requirement', () => {
    const { rules } = readApprovalConfig(
      new ConfigReader({
        awsAccess: {
          approval: {
            rules: [
              {
                accountIds: ['210987654321'],
                approvers: 'owner',
                breakGlass: true,
              },
              { approvers: 'groups', groups: ['security'] },
            ],
          },
        },
      }),
    );
    expect(rules[0].breakGlass).toBe(true);
    expect(rules[1].breakGlass).toBeUndefined();
    expect(
      matchApprovalRule(rules, {
        accountId: '210987654321',
        resourceOwner: 'group:default/team',
        accessLevels: ['Write'],
      }),
    ).toMatchObject({ mode: 'owner', breakGlass: 'allowed' });
    expect(
      matchApprovalRule(rules, {
        accountId: '123456789012',
        accessLevels: ['Write'],
      }),
    ).not.toHaveProperty('breakGlass');
  });

  it('refuses breakGlass on an auto rule, which needs no approval to skip', () => {
    expect(() =>
      readApprovalConfig(
        new ConfigReader({
          awsAccess: {
            approval: { rules: [{ approvers: 'auto', breakGlass: true }] },
          },
        }),
      ),
    ).toThrow(/breakGlass needs 'approvers: owner' or 'approvers: groups'/);
  });

  it('defaults the limits and checks them', () => {
    expect(readBreakGlassConfig(new ConfigReader({}))).toEqual({
      maxDurationMinutes: 60,
      maxPerUser: 2,
      periodMs: 7 * 24 * 3_600_000,
    });
    expect(
      readBreakGlassConfig(
        new ConfigReader({
          awsAccess: {
            breakGlass: { maxDurationMinutes: 15, maxPerUser: 1, period: '1d' },
          },
        }),
      ),
    ).toEqual({ maxDurationMinutes: 15, maxPerUser: 1, periodMs: 86_400_000 });
    expect(() =>
      readBreakGlassConfig(
        new ConfigReader({ awsAccess: { breakGlass: { maxPerUser: 0 } } }),
      ),
    ).toThrow(/maxPerUser must be a positive integer/);
  });
});
