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

import { DatabaseGrantStore } from '../../database/DatabaseGrantStore';
import { RecordingProvisioner } from './RecordingProvisioner';
import { accessConfig, awsUser, HOME, OTHER } from './testApp';

// Settings and people several suites share, so that "the attack setup" or
// "the approvals setup" means the same thing in every file that uses it.

/** The shared accounts (see `accessConfig`) with one suite's other `awsAccess` settings. */
export function accessConfigWith<T extends object>(awsAccess: T) {
  return { awsAccess: { ...accessConfig.awsAccess, ...awsAccess } };
}

/** An approval rule: reads in the account need nobody's approval. */
export const autoApprovedReads = (accountId: string) => ({
  accountIds: [accountId],
  accessLevels: ['List', 'Read'],
  approvers: 'auto',
});

/** A user outside every group, whose requests probe what the API lets through. */
export const MALLORY = 'user:default/mallory';
export const mallory = awsUser('mallory', HOME);

/**
 * What attacks are tried against: the sandbox (HOME) auto-approves reads,
 * anything more and production (OTHER) ask the owner, and the per-user
 * limits are low enough to reach.
 */
export const attackConfig = accessConfigWith({
  limits: {
    maxPendingRequestsPerUser: 3,
    maxLiveGrantsPerUser: 6,
    maxTotalLifetime: { minutes: 45 },
  },
  maxDurationMinutes: 60,
  approval: {
    rules: [
      autoApprovedReads(HOME),
      { accountIds: [HOME], approvers: 'owner' },
      { accountIds: [OTHER], approvers: 'owner' },
    ],
  },
});

/**
 * Multi-party approval: the home account approves reads at once and asks
 * two security members for anything more; the other account always asks
 * the resource's owner. Every account also trusts a fallback role.
 */
export const securityApprovalConfig = accessConfigWith({
  accounts: accessConfig.awsAccess.accounts.map(a => ({
    trustPrincipalArns: [`arn:aws:iam::${a.accountId}:role/fallback`],
    ...a,
  })),
  approval: {
    pendingTimeout: '30m',
    rules: [
      autoApprovedReads(HOME),
      {
        accountIds: [HOME],
        approvers: 'groups',
        groups: ['security'],
        count: 2,
      },
      { accountIds: [OTHER], approvers: 'owner' },
    ],
  },
});

/** A request body: half an hour of `s3:GetObject` on the resource, unless `patch` says otherwise. */
export const readRequest = (resourceArn: string, patch: object = {}) => ({
  resourceArn,
  actions: ['s3:GetObject'],
  durationMinutes: 30,
  reason: 'investigating',
  ...patch,
});

/**
 * The invariant every attack must leave intact: no IAM role without a live
 * grant, and no active grant without its role and policy.
 */
export async function expectIamMatchesGrants(
  store: DatabaseGrantStore,
  iam: RecordingProvisioner,
): Promise<void> {
  const { items } = await store.listGrants({ limit: 500 });
  const live = new Set(
    items
      .filter(g => ['provisioning', 'active', 'revoking'].includes(g.state))
      .map(g => `${g.accountId}/${g.roleName}`),
  );
  for (const role of iam.roles.values()) {
    expect(live.has(`${role.accountId}/${role.roleName}`)).toBe(true);
  }
  for (const grant of items.filter(g => g.state === 'active')) {
    const role = iam.role(grant.accountId, grant.roleName);
    expect(role.policies.has(grant.policyName)).toBe(true);
  }
}
