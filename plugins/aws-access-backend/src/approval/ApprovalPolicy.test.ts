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
import { NotAllowedError } from '@backstage/errors';
import { ApprovalPolicy } from './ApprovalPolicy';
import {
  ApprovalRequirement,
  Approver,
  GrantApproval,
} from '@backstage-aws-access/plugin-aws-access-node';

const policy = ApprovalPolicy.fromConfig(
  new ConfigReader({
    awsAccess: {
      approval: {
        pendingTimeout: { minutes: 30 },
        rules: [
          {
            resourceTags: { restricted: 'true' },
            approvers: 'groups',
            groups: ['security'],
            count: 2,
          },
          { accessLevels: ['List', 'Read'], approvers: 'auto' },
          { approvers: 'owner' },
        ],
      },
    },
  }),
);

const grant = { requester: 'user:default/guest' };

const member = (name: string, ...groups: string[]): Approver => ({
  userEntityRef: `user:default/${name}`,
  ownershipEntityRefs: [
    `user:default/${name}`,
    ...groups.map(g => `group:default/${g}`),
  ],
});

const approval = (name: string): GrantApproval => ({
  approver: `user:default/${name}`,
  approvedAt: new Date('2026-01-01T00:00:00Z'),
});

const ownerRequirement = policy.decide({
  accountId: '123456789012',
  resourceOwner: 'group:default/team-payments',
  accessLevels: ['Write'],
});

const twoOfSecurity = policy.decide({
  accountId: '123456789012',
  resourceOwner: 'group:default/team-payments',
  resourceTags: { restricted: 'true' },
  accessLevels: ['Read'],
});

describe('ApprovalPolicy', () => {
  describe('decide', () => {
    it('sends write access to the owner and read access straight through', () => {
      expect(ownerRequirement).toEqual({
        mode: 'owner',
        approverGroups: ['group:default/team-payments'],
        count: 1,
        ruleIndex: 2,
      });
      expect(
        policy.decide({ accountId: '123456789012', accessLevels: ['Read'] }),
      ).toEqual({ mode: 'auto', ruleIndex: 1 });
    });

    it('refuses an owner-approved request for a resource without an owner', () => {
      expect(() =>
        policy.decide({ accountId: '123456789012', accessLevels: ['Write'] }),
      ).toThrow(
        new NotAllowedError(
          "This request needs approval by the resource's owner (approval rule 3), but the resource has no owner in the catalog",
        ),
      );
    });
  });

  describe('canApprove', () => {
    /** Whether `approver` may approve guest's grant, after the named approvers did. */
    const canApprove = (
      requirement: ApprovalRequirement,
      approver: Approver,
      ...earlierApprovers: string[]
    ) =>
      policy.canApprove({
        grant,
        requirement,
        approver,
        previousApprovals: earlierApprovers.map(approval),
      });

    it('lets a member of the owner group complete a one-person approval', () => {
      expect(
        canApprove(ownerRequirement, member('alice', 'team-payments')),
      ).toEqual({ allowed: true, complete: true, approvals: 1, required: 1 });
    });

    it('refuses the requester, even when they belong to the approver group', () => {
      expect(
        canApprove(ownerRequirement, member('guest', 'team-payments')),
      ).toEqual({
        allowed: false,
        reason: 'You requested this grant; someone else must approve it',
      });
    });

    it('refuses the requester whatever the case of their ref', () => {
      expect(
        policy.canApprove({
          grant: { requester: 'user:default/Guest' },
          requirement: ownerRequirement,
          approver: member('guest', 'team-payments'),
          previousApprovals: [],
        }).allowed,
      ).toBe(false);
    });

    it('refuses someone outside the approver groups', () => {
      expect(canApprove(ownerRequirement, member('bob', 'team-data'))).toEqual({
        allowed: false,
        reason:
          'Only members of group:default/team-payments may approve this grant',
      });
    });

    it('refuses a grant that needs no approval', () => {
      expect(
        canApprove({ mode: 'auto' }, member('alice', 'team-payments')),
      ).toEqual({ allowed: false, reason: 'This grant needs no approval' });
    });

    it('needs N different approvers for N-of-M', () => {
      expect(canApprove(twoOfSecurity, member('alice', 'security'))).toEqual({
        allowed: true,
        complete: false,
        approvals: 1,
        required: 2,
      });
      expect(
        canApprove(twoOfSecurity, member('carol', 'security'), 'alice'),
      ).toEqual({ allowed: true, complete: true, approvals: 2, required: 2 });
    });

    it('does not count the same approver twice', () => {
      expect(
        canApprove(twoOfSecurity, member('alice', 'security'), 'alice'),
      ).toEqual({
        allowed: false,
        reason:
          'You have already approved this grant; it needs 2 approvals from different people',
      });
    });

    it('counts distinct earlier approvers only', () => {
      // A store that recorded a duplicate (or a requester's approval, from
      // before a fix) must not push the grant over its threshold.
      const threeOfSecurity = {
        ...twoOfSecurity,
        count: 3,
      } as ApprovalRequirement;
      expect(
        canApprove(
          threeOfSecurity,
          member('carol', 'security'),
          'alice',
          'Alice',
          'guest',
        ),
      ).toEqual({ allowed: true, complete: false, approvals: 2, required: 3 });
    });
  });

  describe('canReject', () => {
    it('lets one approver reject and tells the requester to cancel instead', () => {
      expect(
        policy.canReject({
          grant,
          requirement: twoOfSecurity,
          approver: member('alice', 'security'),
        }),
      ).toEqual({ allowed: true });
      expect(
        policy.canReject({
          grant,
          requirement: twoOfSecurity,
          approver: member('guest', 'security'),
        }),
      ).toEqual({
        allowed: false,
        reason: 'You requested this grant; cancel it instead of rejecting it',
      });
      expect(
        policy.canReject({
          grant,
          requirement: twoOfSecurity,
          approver: member('bob', 'team-data'),
        }),
      ).toEqual({
        allowed: false,
        reason: 'Only members of group:default/security may reject this grant',
      });
    });
  });

  describe('pending timeout', () => {
    const requestedAt = new Date('2026-01-01T10:00:00Z');

    it('times a request out after the configured minutes', () => {
      expect(policy.pendingTimeoutMinutes).toBe(30);
      expect(policy.pendingDeadline(requestedAt)).toEqual(
        new Date('2026-01-01T10:30:00Z'),
      );
      expect(policy.pendingTimeoutReason()).toBe(
        'Nobody approved the request within 30 minutes',
      );
    });

    it('waits a day by default', () => {
      const defaults = ApprovalPolicy.fromConfig(new ConfigReader({}));
      expect(defaults.pendingDeadline(requestedAt)).toEqual(
        new Date('2026-01-02T10:00:00Z'),
      );
    });
  });
});
