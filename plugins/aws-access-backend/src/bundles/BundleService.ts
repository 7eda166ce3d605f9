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

import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { BundlePreview } from '@backstage-aws-access/plugin-aws-access-common';
import type {
  AwsAccessApprovalPolicy,
  AwsAccessConfig,
} from '@backstage-aws-access/plugin-aws-access-node';
import { GrantRecord, GrantStore } from '../database/types';
import type {
  ExtendGrantInput,
  GrantDecision,
  RevokeGrantInput,
} from '../grantApi/grantRequests';
import { minutes } from '../grantApi/grantOperation';
import { ActionCatalog } from '../iamActions/types';
import type { GrantLifecycle } from '../lifecycle/GrantLifecycle';
import type { Caller } from '../permissions/caller';
import type { GrantEngine } from '../engine/GrantEngine';
import { activateBundle, settleAll } from './bundleActivation';
import { storeBundle } from './bundleCreation';
import { extendBundle } from './bundleExtension';
import { checkBundleRejection } from './bundleApproval';
import { decideBundleApproval } from './bundleApprovalDecision';
import { ParsedBundleRequest, planBundle, PlanTarget } from './bundlePlanning';
import { BundleRecord, BundleStore } from './BundleStore';
import { toBundlePreview } from './bundleView';

/** A bundle and its parts, as stored. */
export interface BundleWithParts {
  bundle: BundleRecord;
  parts: GrantRecord[];
}

/**
 * Bundles: one request over several resources, one decision, one role per
 * account, one shared expiry. A layer over the grants: every target is
 * planned by the grant planning, every part is a grant the engine
 * provisions and revokes, and this service only adds what makes them one:
 * the combined approval, the common expiry and acting on every part.
 * Requests arrive parsed: the REST router and the actions validate them
 * at the edge with the `-common` schemas.
 */
export class BundleService {
  constructor(
    private readonly options: {
      config: () => AwsAccessConfig;
      store: GrantStore;
      bundles: BundleStore;
      engine: GrantEngine;
      /** The plugin's one writer of grant state: moves the parts. */
      lifecycle: GrantLifecycle;
      actions: ActionCatalog;
      approvals: AwsAccessApprovalPolicy;
      planTarget: PlanTarget;
      /** How long a request waits for IAM before answering (see GrantService). */
      settleTimeoutMs?: number;
    },
  ) {}

  private plan(request: ParsedBundleRequest, caller: Caller, now: Date) {
    const config = this.options.config();
    if (request.durationMinutes > config.maxDurationMinutes) {
      throw new InputError(
        `durationMinutes must be at most ${config.maxDurationMinutes}`,
      );
    }
    return planBundle({
      request,
      caller,
      now,
      planTarget: this.options.planTarget,
      rolePath: config.rolePath,
      newId: randomUUID,
    });
  }

  /** `POST /bundles/preview`: what `create` would do, creating nothing. */
  async preview(
    request: ParsedBundleRequest,
    caller: Caller,
  ): Promise<BundlePreview> {
    const plan = await this.plan(request, caller, new Date());
    return toBundlePreview(plan, {
      maxDurationMinutes: this.options.config().maxDurationMinutes,
      levels: arn => this.options.actions.listActions(arn),
    });
  }

  /**
   * Creates a bundle: every target is checked before anything is written;
   * then the bundle and its parts are stored `pending`. A bundle that
   * needs no approval is approved at once, like one approved by people.
   */
  async create(
    request: ParsedBundleRequest,
    caller: Caller,
  ): Promise<BundleWithParts> {
    const now = new Date();
    const plan = await this.plan(request, caller, now);
    const { id } = await storeBundle(this.options, { plan, caller, now });
    if (plan.requirements.length > 0) {
      return this.mustGet(id);
    }
    const bundle = (await this.options.bundles.get(id))!;
    const activated = await activateBundle(this.options, {
      bundle,
      approvedBy: 'auto',
      now,
      expiresAt: new Date(
        now.getTime() + minutes(plan.request.durationMinutes),
      ),
    });
    await settleAll(this.options, activated, this.options.settleTimeoutMs);
    return this.mustGet(id);
  }

  async mustGet(id: string): Promise<BundleWithParts> {
    const bundle = await this.options.bundles.get(id);
    if (!bundle) {
      throw new NotFoundError(`no bundle with id ${id}`);
    }
    const ids = await this.options.bundles.partIds(id);
    const parts = (await this.options.store.getGrants(ids)).filter(
      (g): g is GrantRecord => !!g,
    );
    return { bundle, parts };
  }

  /**
   * Records the caller's approval of the whole bundle. It counts for every
   * requirement the approval policy lets them meet; the approval that
   * meets the last one approves every part at once, with one expiry.
   */
  async approve(
    current: BundleWithParts,
    { comment }: GrantDecision,
    caller: Caller,
  ): Promise<BundleWithParts> {
    const { id } = current.bundle;
    const { parts } = assertPending(current);
    const now = new Date();
    const { bundle, approvedNow } =
      await this.options.bundles.addBundleApproval(id, stored =>
        decideBundleApproval({
          policy: this.options.approvals,
          bundle: stored,
          caller,
          comment,
          now,
        }),
      );
    for (const part of parts) {
      await this.options.lifecycle.transition(part.id, 'approval-recorded', {
        from: 'pending',
        actor: caller.userEntityRef,
        reason: comment,
        data: { bundleId: id },
        now,
      });
    }
    if (approvedNow) {
      const activated = await activateBundle(this.options, {
        bundle,
        approvedBy: bundle.decidedBy!,
        actor: caller.userEntityRef,
        comment,
        now,
        expiresAt: bundle.expiresAt!,
      });
      await settleAll(this.options, activated, this.options.settleTimeoutMs);
    }
    return this.mustGet(id);
  }

  /** Ends a pending bundle as `rejected`: one approver's no ends every part. */
  async reject(
    current: BundleWithParts,
    { comment }: GrantDecision,
    caller: Caller,
  ): Promise<BundleWithParts> {
    const { bundle, parts } = assertPending(current);
    const { id } = bundle;
    const check = checkBundleRejection({
      policy: this.options.approvals,
      requester: bundle.requester,
      requirements: bundle.requirements,
      approver: caller,
    });
    if (!check.allowed) {
      throw new NotAllowedError(check.reason);
    }
    await this.decide(id, 'rejected', caller, new Date());
    for (const part of parts) {
      await this.options.engine.reject(part.id, caller.userEntityRef, comment, {
        bundleId: id,
      });
    }
    return this.mustGet(id);
  }

  /** The requester withdraws a pending bundle; every part ends `cancelled`. */
  async cancel(
    current: BundleWithParts,
    { reason }: RevokeGrantInput,
    caller: Caller,
  ): Promise<BundleWithParts> {
    const { id } = current.bundle;
    if (current.bundle.decision === 'cancelled') {
      return current;
    }
    assertPending(current);
    await this.decide(id, 'cancelled', caller, new Date());
    for (const part of current.parts) {
      await this.options.engine.cancel(part.id, caller.userEntityRef, reason);
    }
    return this.mustGet(id);
  }

  /**
   * Revokes every part (a pending bundle is cancelled). Idempotent: parts
   * that already ended stay as they are.
   */
  async revoke(
    current: BundleWithParts,
    request: RevokeGrantInput,
    caller: Caller,
  ): Promise<BundleWithParts> {
    const { bundle, parts } = current;
    if (bundle.decision === 'pending') {
      return this.cancel(current, request, caller);
    }
    const { engine } = this.options;
    const revoking: string[] = [];
    for (const part of parts) {
      const updated = await engine.revoke(
        part.id,
        caller.userEntityRef,
        request.reason,
      );
      if (updated.state === 'revoking') {
        revoking.push(part.id);
      }
    }
    await settleAll(this.options, revoking, this.options.settleTimeoutMs);
    return this.mustGet(bundle.id);
  }

  /**
   * Extends every part to one new expiry: each role's policies are
   * rewritten first (the engine records each part's expiry after its own
   * IAM writes), then the bundle records the expiry they now share.
   * Refused where the approval rules ask for approval, as for a grant.
   */
  async extend(
    current: BundleWithParts,
    request: ExtendGrantInput,
    caller: Caller,
  ): Promise<BundleWithParts> {
    await extendBundle(this.options, {
      current,
      durationMinutes: request.durationMinutes,
      reason: request.reason,
      actor: caller.userEntityRef,
    });
    return this.mustGet(current.bundle.id);
  }

  private async decide(
    id: string,
    decision: 'rejected' | 'cancelled',
    caller: Caller,
    now: Date,
  ) {
    if (
      !(await this.options.bundles.decide(
        id,
        decision,
        caller.userEntityRef,
        now,
      ))
    ) {
      throw new ConflictError(`bundle ${id} was decided meanwhile; reload it`);
    }
  }
}

/**
 * Only a pending bundle, every part still pending, can be decided. Checked
 * on the bundle as authorized; the writes that follow are conditional on
 * the same states, so a decision made meanwhile still fails them.
 */
function assertPending(current: BundleWithParts): BundleWithParts {
  const { bundle, parts } = current;
  if (bundle.decision !== 'pending' || parts.some(p => p.state !== 'pending')) {
    throw new ConflictError(
      `only a pending bundle can be decided; bundle ${bundle.id} is ${
        bundle.decision === 'pending' ? 'no longer pending' : bundle.decision
      }`,
    );
  }
  return current;
}
