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

import { ConflictError, InputError } from '@backstage/errors';
import type { AwsAccessConfig } from '@backstage-aws-access/plugin-aws-access-node';
import type { GrantEngine } from '../engine/GrantEngine';
import { extendedExpiry } from '../grantApi/grantExtension';
import type { BundleWithParts } from './BundleService';
import { BundleStore } from './BundleStore';

/**
 * Extends every part of an active bundle to one new expiry, within the
 * same limits as a grant's extension. Each role's policies are rewritten
 * before that part's new expiry is recorded (the engine's extend), and the
 * bundle records the expiry they share only once every role carries it.
 * Refused where the bundle needed approval, as for a grant: approvers
 * never see a silently longer bundle than they approved.
 */
export async function extendBundle(
  deps: {
    config: () => AwsAccessConfig;
    bundles: BundleStore;
    engine: GrantEngine;
  },
  options: {
    current: BundleWithParts;
    durationMinutes: number;
    reason?: string;
    actor: string;
  },
): Promise<void> {
  const config = deps.config();
  const limits = {
    maxDurationMinutes: config.maxDurationMinutes,
    maxTotalLifetimeMinutes: config.limits.maxTotalLifetimeMs / 60_000,
  };
  if (options.durationMinutes > limits.maxDurationMinutes) {
    throw new InputError(
      `durationMinutes must be at most ${limits.maxDurationMinutes}`,
    );
  }
  const { bundle, parts } = options.current;
  const { id } = bundle;
  if (bundle.requirements.length > 0) {
    throw new ConflictError(
      'This bundle needed approval, so it cannot be extended here. Request it again when it ends; the new request goes to its approvers.',
    );
  }
  const live = parts.filter(p => p.state === 'active');
  if (live.length !== parts.length || !bundle.expiresAt) {
    throw new ConflictError(
      `only an active bundle can be extended; bundle ${id} has parts that are not active`,
    );
  }
  const lead = live[0];
  const expiresAt = extendedExpiry(
    { ...lead, expiresAt: bundle.expiresAt },
    options.durationMinutes,
    limits,
  );
  if (expiresAt.getTime() - bundle.expiresAt.getTime() < 60_000) {
    throw new ConflictError(
      'This bundle already lasts the longest allowed; it cannot be extended further.',
    );
  }
  for (const part of live) {
    // A retry after a failed extension skips the roles already moved.
    if (part.expiresAt && part.expiresAt >= expiresAt) {
      continue;
    }
    await deps.engine.extend(part.id, {
      expiresAt,
      actor: options.actor,
      reason: options.reason,
    });
  }
  await deps.bundles.setExpiry(id, expiresAt);
}
