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

import type { Grant, GrantApproval, GrantPreview, GrantState } from './types';

/**
 * A bundle: one request over several resources, in one or several
 * accounts. It is approved as one decision, produces one grant (one role)
 * per account, and all its grants share one expiry. Its state is derived
 * from its grants' states: see {@link bundleStateOf}.
 *
 * @public
 */
export interface AccessBundle {
  id: string;
  state: BundleState;
  /** Entity ref of the requesting user. */
  requester: string;
  reason: string;
  durationMinutes: number;
  createdAt: string;
  /** The expiry every grant of the bundle shares, once it is active (ISO-8601 UTC). */
  expiresAt?: string;
  /** Approvals needed before any part is provisioned; absent when none were. */
  requiredApprovals?: number;
  /** Groups whose members may approve, while approval is needed: every owner concerned. */
  approverGroups?: string[];
  /** Approvals recorded so far on the bundle, oldest first. */
  approvals?: GrantApproval[];
  /**
   * Each approval the bundle needs (one per owner or group concerned), with
   * how many approvals count for it so far; absent when none were needed.
   */
  requirements?: BundleRequirement[];
  /** The bundle's parts: one grant per account, each listing its `targets`. */
  grants: Grant[];
}

/**
 * One approval a bundle needs: `count` different members of any of
 * `approverGroups` (never the requester). One person in the groups of
 * several requirements meets them all with one approval.
 *
 * @public
 */
export interface BundleRequirement {
  mode: 'owner' | 'groups';
  approverGroups: string[];
  count: number;
  /** Approvals that count for it so far. */
  approvals: number;
}

/**
 * The state of a bundle as a whole. `partial` means its grants ended
 * differently or are in different states (e.g. one account's role failed).
 *
 * @public
 */
export type BundleState = GrantState | 'partial';

/**
 * `POST /bundles/preview`: what `POST /bundles` with the same body would
 * create: one part per account, and who must approve the whole.
 *
 * @public
 */
export interface BundlePreview {
  parts: GrantPreview[];
  approval: GrantPreview['approval'];
  /** Each approval the bundle would need; absent when none. */
  requirements?: BundleRequirement[];
  /** The expiry every part would get if the bundle were active now (ISO-8601 UTC). */
  expiresAt: string;
}

/**
 * The state of a bundle from its grants' states: the common state when all
 * agree, else `pending` while any part waits for the decision, else
 * `partial`.
 *
 * @public
 */
export function bundleStateOf(
  grants: Array<Pick<Grant, 'state'>>,
): BundleState {
  const states = new Set(grants.map(g => g.state));
  if (states.size === 1) {
    return [...states][0];
  }
  if (states.has('pending')) {
    return 'pending';
  }
  return 'partial';
}
