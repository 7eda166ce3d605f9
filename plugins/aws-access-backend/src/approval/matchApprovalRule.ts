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

import {
  ACCESS_LEVELS,
  AccessLevel,
} from '@backstage-aws-access/plugin-aws-access-common';
import {
  ApprovalRequest,
  ApprovalRequirement,
  ApprovalRule,
} from '@backstage-aws-access/plugin-aws-access-node';

/**
 * How much an access level can do, lowest first. `Tagging` sits below `Write`
 * because tags change no data, but above `Read` because tag-based access
 * control can turn a tag into a permission.
 */
const ACCESS_LEVEL_RANK: Record<AccessLevel, number> = {
  List: 0,
  Read: 1,
  Tagging: 2,
  Write: 3,
  'Permissions management': 4,
};

/** The most powerful of the given levels; `undefined` for none. */
export function highestAccessLevel(
  levels: readonly AccessLevel[],
): AccessLevel | undefined {
  let highest: AccessLevel | undefined;
  for (const level of levels) {
    if (!ACCESS_LEVELS.includes(level)) {
      throw new Error(`Unknown access level '${level}'`);
    }
    if (!highest || ACCESS_LEVEL_RANK[level] > ACCESS_LEVEL_RANK[highest]) {
      highest = level;
    }
  }
  return highest;
}

function ruleMatches(rule: ApprovalRule, request: ApprovalRequest): boolean {
  if (rule.accountIds && !rule.accountIds.includes(request.accountId)) {
    return false;
  }
  if (
    rule.resourceOwners &&
    !(
      request.resourceOwner &&
      rule.resourceOwners.includes(
        request.resourceOwner.toLocaleLowerCase('en-US'),
      )
    )
  ) {
    return false;
  }
  if (rule.resourceTags) {
    const tags = request.resourceTags ?? {};
    for (const [key, value] of Object.entries(rule.resourceTags)) {
      if (tags[key] !== value) {
        return false;
      }
    }
  }
  if (rule.accessLevels) {
    const highest = highestAccessLevel(request.accessLevels);
    if (!highest || !rule.accessLevels.includes(highest)) {
      return false;
    }
  }
  return true;
}

/**
 * The approval a request needs: the first rule whose every given matcher
 * holds decides; a request no rule matches is approved at once (the default
 * when `awsAccess.approval.rules` is empty).
 *
 * For `owner` rules the approver group is the resource's owner; a resource
 * without a known owner gets no approver groups, which `ApprovalPolicy`
 * refuses rather than leaving a request nobody can approve.
 */
export function matchApprovalRule(
  rules: readonly ApprovalRule[],
  request: ApprovalRequest,
): ApprovalRequirement {
  const ruleIndex = rules.findIndex(rule => ruleMatches(rule, request));
  if (ruleIndex < 0) {
    return { mode: 'auto' };
  }
  const rule = rules[ruleIndex];
  switch (rule.approvers) {
    case 'auto':
      return { mode: 'auto', ruleIndex };
    case 'owner':
      return {
        mode: 'owner',
        approverGroups: request.resourceOwner
          ? [request.resourceOwner.toLocaleLowerCase('en-US')]
          : [],
        count: rule.count,
        ruleIndex,
        ...(rule.breakGlass && { breakGlass: 'allowed' as const }),
      };
    case 'groups':
      return {
        mode: 'groups',
        approverGroups: rule.groups ?? [],
        count: rule.count,
        ruleIndex,
        ...(rule.breakGlass && { breakGlass: 'allowed' as const }),
      };
    default:
      throw new Error(`Unknown approvers '${rule.approvers}'`);
  }
}
