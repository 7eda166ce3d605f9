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
  AccessBundle,
  bundleStateOf,
  BundlePreview,
  Grant,
  GrantPreview,
} from '@backstage-aws-access/plugin-aws-access-common';
import { BundleRecord } from './BundleStore';
import { HumanRequirement } from './bundleApproval';
import { BundlePlan } from './bundlePlanning';
import { toGrantPreview } from '../grantApi/grantPreview';
import { ActionInfo } from '@backstage-aws-access/plugin-aws-access-common';

function approvalOf(
  requirements: HumanRequirement[],
): GrantPreview['approval'] {
  if (requirements.length === 0) {
    return { mode: 'auto' };
  }
  return {
    mode: requirements.every(r => r.mode === 'owner') ? 'owner' : 'groups',
    count: requirements.reduce((sum, r) => sum + r.count, 0),
    approverGroups: [...new Set(requirements.flatMap(r => r.approverGroups))],
  };
}

/** Each requirement the bundle must meet, with its progress. */
function requirementsView(
  requirements: HumanRequirement[],
  approvals: BundleRecord['approvals'] = [],
) {
  return requirements.map((r, index) => ({
    mode: r.mode,
    approverGroups: r.approverGroups,
    count: r.count,
    approvals: approvals.filter(a => a.countsFor.includes(index)).length,
  }));
}

/**
 * The API view of a bundle. Its state comes from its parts; while it is
 * pending, who may approve it and how far it is.
 */
export function toApiBundle(
  bundle: BundleRecord,
  grants: Grant[],
): AccessBundle {
  const state = bundleStateOf(grants);
  const approval = approvalOf(bundle.requirements);
  return {
    id: bundle.id,
    state,
    requester: bundle.requester,
    reason: bundle.reason,
    durationMinutes: bundle.durationMinutes,
    createdAt: bundle.createdAt.toISOString(),
    ...(bundle.expiresAt && { expiresAt: bundle.expiresAt.toISOString() }),
    ...(approval.mode !== 'auto' && {
      requiredApprovals: approval.count,
      requirements: requirementsView(bundle.requirements, bundle.approvals),
      ...(state === 'pending' && { approverGroups: approval.approverGroups }),
    }),
    ...(bundle.approvals.length > 0 && {
      approvals: bundle.approvals.map(a => ({
        approver: a.approver,
        ...(a.comment ? { comment: a.comment } : {}),
        createdAt: a.approvedAt.toISOString(),
      })),
    }),
    grants,
  };
}

/**
 * `POST /bundles/preview`: each account's role as `POST /bundles` would
 * create it, from the same plan: its exact policies over every target
 * there, and who must approve the whole.
 */
export function toBundlePreview(
  plan: BundlePlan,
  options: {
    maxDurationMinutes: number;
    levels: (resourceArn: string) => ActionInfo[];
  },
): BundlePreview {
  const approval = approvalOf(plan.requirements);
  return {
    parts: plan.parts.map(part => {
      const previews = part.plans.map(p =>
        toGrantPreview(p, {
          maxDurationMinutes: options.maxDurationMinutes,
          levels: options.levels(p.resource.arn),
        }),
      );
      return {
        ...previews[0],
        actions: part.actions,
        trustPolicy: JSON.parse(part.policies.trustPolicy),
        permissionPolicy: JSON.parse(part.policies.permissionPolicy),
        approval,
        sensitiveActions: previews.flatMap(p => p.sensitiveActions),
        targets: part.targets,
      };
    }),
    approval,
    ...(approval.mode !== 'auto' && {
      requirements: requirementsView(plan.requirements),
    }),
    expiresAt: plan.expiresAt.toISOString(),
  };
}
