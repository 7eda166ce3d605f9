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
