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

import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { readMinutes } from '../config/readMinutes';
import {
  ACCESS_LEVELS,
  AccessLevel,
} from '@backstage-aws-access/plugin-aws-access-common';
import {
  APPROVER_MODES,
  ApprovalConfig,
  ApprovalRule,
  ApproverMode,
} from '@backstage-aws-access/plugin-aws-access-node';

/** A day: long enough for an approver in another time zone to see it. */
export const DEFAULT_PENDING_TIMEOUT_MINUTES = 24 * 60;

/**
 * `team-a` and `group:Team-A` both mean `group:default/team-a`: entity refs
 * compare without case, and the catalog hands out lower-case ones.
 */
function toGroupRef(ref: string, key: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch (error) {
    throw new Error(`${key}: '${ref}' is not an entity ref, ${error}`);
  }
}

function readRule(rule: Config, index: number): ApprovalRule {
  const key = `awsAccess.approval.rules[${index}]`;

  const approvers = rule.getString('approvers');
  if (!APPROVER_MODES.includes(approvers as ApproverMode)) {
    throw new Error(
      `${key}.approvers must be one of ${APPROVER_MODES.join(
        ', ',
      )}, not '${approvers}'`,
    );
  }

  const accountIds = rule.getOptionalStringArray('accountIds');
  for (const accountId of accountIds ?? []) {
    if (!/^\d{12}$/.test(accountId)) {
      throw new Error(
        `${key}.accountIds: '${accountId}' must be a 12-digit account id`,
      );
    }
  }

  const accessLevels = rule.getOptionalStringArray('accessLevels');
  for (const level of accessLevels ?? []) {
    if (!ACCESS_LEVELS.includes(level as AccessLevel)) {
      throw new Error(
        `${key}.accessLevels: '${level}' is not one of ${ACCESS_LEVELS.join(
          ', ',
        )}`,
      );
    }
  }

  const tagsConfig = rule.getOptionalConfig('resourceTags');
  const resourceTags = tagsConfig
    ? Object.fromEntries(
        tagsConfig.keys().map(tag => [tag, tagsConfig.getString(tag)]),
      )
    : undefined;

  const groups = rule
    .getOptionalStringArray('groups')
    ?.map(ref => toGroupRef(ref, `${key}.groups`));
  if (approvers === 'groups' && !groups?.length) {
    throw new Error(`${key}.groups must name at least one group`);
  }
  if (approvers !== 'groups' && groups) {
    throw new Error(
      `${key}.groups is only used with 'approvers: groups', not '${approvers}'`,
    );
  }

  const count = rule.getOptionalNumber('count') ?? 1;
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`${key}.count must be a positive integer`);
  }

  const breakGlass = rule.getOptionalBoolean('breakGlass');
  if (breakGlass && approvers === 'auto') {
    throw new Error(
      `${key}.breakGlass needs 'approvers: owner' or 'approvers: groups'`,
    );
  }

  return {
    accountIds,
    resourceOwners: rule
      .getOptionalStringArray('resourceOwners')
      ?.map(ref => toGroupRef(ref, `${key}.resourceOwners`)),
    resourceTags,
    accessLevels: accessLevels as AccessLevel[] | undefined,
    approvers: approvers as ApproverMode,
    groups,
    count,
    ...(breakGlass && { breakGlass }),
  };
}

/**
 * Reads `awsAccess.approval` once at start, so that a typo in a rule stops
 * the backend instead of silently approving (or blocking) every request.
 * Without rules every request is approved at once.
 */
export function readApprovalConfig(root: Config): ApprovalConfig {
  const config = root.getOptionalConfig('awsAccess.approval');
  const pendingTimeoutMinutes = readMinutes(root, {
    section: 'awsAccess.approval',
    key: 'pendingTimeout',
    fallback: DEFAULT_PENDING_TIMEOUT_MINUTES,
    min: 1,
    replaces: 'pendingTimeoutMinutes',
  });
  return {
    pendingTimeoutMinutes,
    rules: (config?.getOptionalConfigArray('rules') ?? []).map(readRule),
  };
}
