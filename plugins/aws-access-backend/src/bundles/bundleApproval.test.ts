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

import { ApprovalPolicy } from '../approval/ApprovalPolicy';
import {
  BundleApproval,
  bundleRequirements,
  checkBundleApproval,
  checkBundleRejection,
  HumanRequirement,
} from './bundleApproval';

const policy = new ApprovalPolicy({ pendingTimeoutMinutes: 60, rules: [] });
const REQUESTER = 'user:default/alice';
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';

const owner = (group: string): HumanRequirement => ({
  mode: 'owner',
  approverGroups: [group],
  count: 1,
  ruleIndex: 0,
});
const person = (name: string, ...groups: string[]) => ({
  userEntityRef: `user:default/${name}`,
  ownershipEntityRefs: [`user:default/${name}`, ...groups],
});

function approve(
  requirements: HumanRequirement[],
  approver: ReturnType<typeof person>,
  previous: BundleApproval[] = [],
) {
  return checkBundleApproval({
    policy,
    requester: REQUESTER,
    requirements,
    approver,
    previous,
  });
}

describe('bundle approval', () => {
  const both = bundleRequirements([
    owner(TEAM_A),
    { mode: 'auto' },
    owner(TEAM_B),
    owner(TEAM_A),
  ]);

  it('needs each owner concerned once: auto targets add nothing, the same owner twice counts once', () => {
    expect(both).toEqual([owner(TEAM_A), owner(TEAM_B)]);
  });

  it('takes one approval from each owner; the first alone does not complete it', () => {
    const first = approve(both, person('ann', TEAM_A));
    expect(first).toEqual({ allowed: true, countsFor: [0], complete: false });
    const second = approve(both, person('ben', TEAM_B), [
      {
        approver: 'user:default/ann',
        approvedAt: new Date(),
        countsFor: [0],
      },
    ]);
    expect(second).toEqual({ allowed: true, countsFor: [1], complete: true });
  });

  it('lets a member of both owners meet both with one approval', () => {
    expect(approve(both, person('cat', TEAM_A, TEAM_B))).toEqual({
      allowed: true,
      countsFor: [0, 1],
      complete: true,
    });
  });

  it('never lets the requester approve, even as a member of every owner', () => {
    const self = approve(both, {
      userEntityRef: REQUESTER,
      ownershipEntityRefs: [REQUESTER, TEAM_A, TEAM_B],
    });
    expect(self).toEqual({
      allowed: false,
      reason: expect.stringMatching(/someone else must approve/),
    });
  });

  it('refuses an approval that meets nothing still missing, and outsiders', () => {
    const annDone: BundleApproval[] = [
      { approver: 'user:default/ann', approvedAt: new Date(), countsFor: [0] },
    ];
    expect(approve(both, person('dot', TEAM_A), annDone).allowed).toBe(false);
    expect(approve(both, person('eve', 'group:default/other')).allowed).toBe(
      false,
    );
  });

  it('lets any one approver concerned reject the whole bundle, never the requester', () => {
    const reject = (approver: ReturnType<typeof person>) =>
      checkBundleRejection({
        policy,
        requester: REQUESTER,
        requirements: both,
        approver,
      }).allowed;
    expect(reject(person('ben', TEAM_B))).toBe(true);
    expect(reject(person('eve', 'group:default/other'))).toBe(false);
    expect(
      checkBundleRejection({
        policy,
        requester: REQUESTER,
        requirements: both,
        approver: {
          userEntityRef: REQUESTER,
          ownershipEntityRefs: [REQUESTER, TEAM_A],
        },
      }).allowed,
    ).toBe(false);
  });
});
