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

import { CustomErrorBase, InputError, isError } from '@backstage/errors';
import {
  createBundleRequestSchema,
  GrantTarget,
} from '@backstage-aws-access/plugin-aws-access-common';
import { ApprovalRequirement } from '@backstage-aws-access/plugin-aws-access-node';
import { z } from 'zod';
import type { ParsedGrantRequest } from '../grantApi/planGrantRequest';
import { PermissionStatement } from '../iamActions/types';
import { GRANT_POLICY_NAME, grantRoleName } from '../provisioning/naming';
import {
  GrantPolicies,
  renderMultiTargetPolicies,
} from '../provisioning/policies';
import type { Caller } from '../permissions/caller';
import type { GrantPlan } from '../grantApi/grantPreview';
import { bundleRequirements, HumanRequirement } from './bundleApproval';

/** A bundle request, parsed. */
export type ParsedBundleRequest = z.output<typeof createBundleRequestSchema>;

/**
 * The grant planning (inventory, strict ARN checks, managed resources,
 * account choice, action catalog, principals, approval rule), applied to
 * one target as if it were a single grant request.
 */
export type PlanTarget = (
  request: ParsedGrantRequest,
  caller: Caller,
  now: Date,
) => Promise<GrantPlan>;

/** One account's part of a bundle: one role over every target there. */
export interface PartPlan {
  id: string;
  accountId: string;
  /** The first target's plan: resource, region and principals of the role. */
  lead: GrantPlan;
  plans: GrantPlan[];
  targets: GrantTarget[];
  statements: PermissionStatement[];
  /** Every action of the role, sorted. */
  actions: string[];
  roleName: string;
  policyName: string;
  policies: GrantPolicies;
}

/** A bundle request that passed every check, and what it would become. */
export interface BundlePlan {
  request: ParsedBundleRequest;
  parts: PartPlan[];
  /** What the bundle needs before any part is provisioned (empty: nothing). */
  requirements: HumanRequirement[];
  /** Each target's own requirement, in the request's order. */
  targetRequirements: ApprovalRequirement[];
  /** As if it were approved now. */
  expiresAt: Date;
}

/**
 * The same error, its message naming the target: `resourceArn: ...`
 * becomes `targets.2.resourceArn: ...`, so the form can point at the row.
 */
function blameTarget(error: unknown, index: number): unknown {
  if (!isError(error)) {
    return error;
  }
  const fieldFirst = /^(resourceArn|actions|accountId)\b/.test(error.message);
  const message = fieldFirst
    ? `targets.${index}.${error.message}`
    : `targets.${index}: ${error.message}`;
  if (error instanceof CustomErrorBase) {
    const Type = error.constructor as new (
      message: string,
      cause?: unknown,
    ) => Error;
    return new Type(message, error.cause);
  }
  return new InputError(message, error);
}

/**
 * Every check of a bundle request, before anything is written: each
 * target goes through the grant planning exactly as a single grant would
 * (a bad one is refused naming it), the same resource may not be named
 * twice, and each account's role is rendered whole, so a role that IAM
 * would refuse (too large, name too long) is a 400 naming `targets`.
 */
export async function planBundle(options: {
  request: ParsedBundleRequest;
  caller: Caller;
  now: Date;
  planTarget: PlanTarget;
  rolePath: string;
  newId: () => string;
}): Promise<BundlePlan> {
  const { request, caller, now, planTarget } = options;
  const plans: GrantPlan[] = [];
  const seen = new Map<string, number>();
  for (const [index, target] of request.targets.entries()) {
    let plan: GrantPlan;
    try {
      plan = await planTarget(
        {
          resourceArn: target.resourceArn,
          actions: target.actions,
          accountId: target.accountId,
          durationMinutes: request.durationMinutes,
          reason: request.reason,
        },
        caller,
        now,
      );
    } catch (error) {
      throw blameTarget(error, index);
    }
    // The same resource twice would be one statement hiding another.
    const key = `${plan.target.account.accountId} ${plan.resource.arn}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new InputError(
        `targets.${index}.resourceArn: ${plan.resource.arn} is already targets.${earlier}; name each resource once, with all its actions`,
      );
    }
    seen.set(key, index);
    plans.push(plan);
  }

  const byAccount = new Map<string, GrantPlan[]>();
  for (const plan of plans) {
    const accountId = plan.target.account.accountId;
    byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), plan]);
  }
  const expiresAt = plans[0].expiresAt;
  const parts = [...byAccount.entries()].map(([accountId, group]) => {
    const [lead] = group;
    const id = options.newId();
    const roleName = grantRoleName(
      id,
      lead.target.resource?.title ?? lead.target.resource?.name,
      options.rolePath,
    );
    const policies = renderMultiTargetPolicies({
      trustPrincipalArns: lead.principals.principalArns,
      targets: group,
      expiresAt,
      roleName,
      rolePath: options.rolePath,
    });
    const statements = group.flatMap(p => p.statements);
    return {
      id,
      accountId,
      lead,
      plans: group,
      targets: group.map(
        (p): GrantTarget => ({
          resourceArn: p.resource.arn,
          resourceType: p.resource.resourceType,
          ...(p.target.resource?.entityRef && {
            resourceRef: p.target.resource.entityRef,
          }),
          ...(p.target.resource?.owner && {
            resourceOwner: p.target.resource.owner,
          }),
          actions: p.actions,
        }),
      ),
      statements,
      actions: [...new Set(statements.flatMap(s => s.actions))].sort(),
      roleName,
      policyName: GRANT_POLICY_NAME,
      policies,
    };
  });
  const targetRequirements = plans.map(p => p.requirement);
  return {
    request,
    parts,
    requirements: bundleRequirements(targetRequirements),
    targetRequirements,
    expiresAt,
  };
}
