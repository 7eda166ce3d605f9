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

import { stringifyError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import type { AwsAccessConfig } from '@backstage-aws-access/plugin-aws-access-node';
import type { AwsAccessApprovalPolicy } from '@backstage-aws-access/plugin-aws-access-node';
import { GrantRecord, GrantStore } from '../database/types';
import type { GrantLifecycle } from '../lifecycle/GrantLifecycle';
import type { Caller } from '../permissions/caller';
import type { GrantEngine } from '../engine/GrantEngine';
import { withdrawParts } from './bundleActivation';
import { partRequirement } from './bundleApproval';
import { BundlePlan } from './bundlePlanning';
import { BundleStore } from './BundleStore';

/**
 * Stores a planned bundle and its parts, all `pending`: one grant per
 * account, naming the bundle and every target its role covers, under the
 * same limits as single grants. A part refused by a limit or as a
 * duplicate withdraws the parts stored before it, so that no half bundle
 * is left waiting; nothing was provisioned yet.
 */
export async function storeBundle(
  deps: {
    config: () => AwsAccessConfig;
    store: GrantStore;
    bundles: BundleStore;
    engine: GrantEngine;
    lifecycle: GrantLifecycle;
    approvals: AwsAccessApprovalPolicy;
  },
  options: { plan: BundlePlan; caller: Caller; now: Date },
): Promise<{ id: string; inserted: GrantRecord[] }> {
  const { plan, caller, now } = options;
  const { request, requirements } = plan;
  const { bundles, approvals } = deps;
  const config = deps.config();
  const id = randomUUID();
  const approvalDeadline = requirements.length
    ? approvals.pendingDeadline(now)
    : undefined;
  await bundles.insert({
    id,
    requester: caller.userEntityRef,
    reason: request.reason,
    durationMinutes: request.durationMinutes,
    createdAt: now,
    decision: 'pending',
    requirements,
    approvalDeadline,
  });
  const requirement = partRequirement(requirements);
  const inserted: GrantRecord[] = [];
  try {
    for (const part of plan.parts) {
      const { lead } = part;
      inserted.push(
        await deps.lifecycle.request(
          {
            id: part.id,
            state: 'pending',
            requester: caller.userEntityRef,
            resourceArn: lead.resource.arn,
            resourceType: lead.resource.resourceType,
            accountId: part.accountId,
            region: lead.resource.region,
            actions: part.actions,
            reason: request.reason,
            durationMinutes: request.durationMinutes,
            createdAt: now,
            roleName: part.roleName,
            policyName: part.policyName,
            trustPrincipalArns: lead.principals.principalArns,
            statements: part.statements,
            resourceRef: lead.target.resource?.entityRef,
            resourceOwner: lead.target.resource?.owner,
            resourceTags: lead.target.resource?.tags,
            approvalRequirement: requirement,
            approvalDeadline,
            bundleId: id,
            targets: part.targets,
          },
          {
            actor: caller.userEntityRef,
            reason: request.reason,
            data: {
              bundleId: id,
              targets: part.targets.map(t => t.resourceArn),
              actions: part.actions,
              durationMinutes: request.durationMinutes,
              principals: lead.principals.source,
            },
          },
          {
            maxLivePerRequester: config.limits.maxLiveGrantsPerUser,
            maxPendingPerRequester: config.limits.maxPendingRequestsPerUser,
            maxLivePerAccount: config.limits.maxLiveGrantsPerAccount,
          },
        ),
      );
    }
  } catch (error) {
    // A limit or a duplicate met by a later part: nothing of the bundle
    // may stay waiting, and nothing was provisioned yet.
    await withdrawParts(deps, id, inserted, stringifyError(error));
    throw error;
  }
  return { id, inserted };
}
