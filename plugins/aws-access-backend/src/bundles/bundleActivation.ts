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

import { GrantRecord, GrantStore } from '../database/types';
import type { GrantLifecycle } from '../lifecycle/GrantLifecycle';
import { SYSTEM_ACTOR, type GrantEngine } from '../engine/GrantEngine';
import { BundleRecord, BundleStore } from './BundleStore';

interface Deps {
  store: GrantStore;
  bundles: BundleStore;
  engine: GrantEngine;
  lifecycle: GrantLifecycle;
}

/**
 * Moves every part of an approved bundle from `pending` to `provisioning`,
 * all with the one expiry recorded on the bundle. Only the caller that
 * approved the bundle (the conditional write on the bundle row) gets here,
 * so the parts are moved once; each move is itself conditional on the part
 * still pending. A bundle that needed nobody is approved here first.
 * Returns the ids of the parts to drive.
 */
export async function activateBundle(
  deps: Deps,
  options: {
    bundle: BundleRecord;
    approvedBy: string;
    actor?: string;
    comment?: string;
    now: Date;
    expiresAt: Date;
  },
): Promise<string[]> {
  const { bundle, now, expiresAt, approvedBy } = options;
  if (
    bundle.decision === 'pending' &&
    !(await deps.bundles.approve(bundle.id, { now, expiresAt, approvedBy }))
  ) {
    return [];
  }
  const ids = await deps.bundles.partIds(bundle.id);
  const moved: string[] = [];
  for (const id of ids) {
    const updated = await deps.lifecycle.transition(id, 'approved', {
      from: 'pending',
      actor: options.actor ?? SYSTEM_ACTOR,
      reason: options.comment,
      data: { bundleId: bundle.id, expiresAt: expiresAt.toISOString() },
      patch: { approvedAt: now, approvedBy, expiresAt },
      now,
    });
    if (updated) {
      moved.push(id);
    }
  }
  return moved;
}

/**
 * Drives the parts (provisioning or revoking) side by side and waits for
 * them a while; the engine carries on regardless, and failures are
 * recorded on the parts for the sweep to retry.
 */
export async function settleAll(
  deps: Deps,
  ids: string[],
  timeoutMs = 15_000,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>(resolve => {
    timer = setTimeout(resolve, timeoutMs);
  });
  const work = Promise.all(
    ids.map(id => deps.engine.drive(id).catch(() => undefined)),
  );
  await Promise.race([work, timeout]);
  clearTimeout(timer);
}

/**
 * Ends what a bundle that could not be created whole had already stored:
 * its parts (all still `pending`, never provisioned) end `cancelled` with
 * the cause, and so does the bundle.
 */
export async function withdrawParts(
  deps: Deps,
  bundleId: string,
  parts: GrantRecord[],
  cause: string,
): Promise<void> {
  for (const part of parts) {
    await deps.engine.cancel(
      part.id,
      SYSTEM_ACTOR,
      `the bundle could not be created: ${cause}`,
    );
  }
  await deps.bundles.decide(bundleId, 'cancelled', SYSTEM_ACTOR, new Date());
}
