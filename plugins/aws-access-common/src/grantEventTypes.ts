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

/**
 * Every kind of row in a grant's history (`GrantEvent.type`), and of change
 * announced on the events topic and the signal channel.
 *
 * @public
 */
export const GRANT_EVENT_TYPES = [
  // The request and its decision.
  'requested',
  'approval-recorded',
  'approved',
  'rejected',
  'cancelled',
  // Provisioning.
  'role-created',
  'activated',
  'step-failed',
  'provisioning-failed',
  // Extension.
  'extended',
  'extend-failed',
  // The end of a grant.
  'expiring',
  'revoke-requested',
  'policy-deleted',
  'revoked',
  'expired',
  'failed',
  // The reconciler.
  'orphan-removed',
  'drift-repaired',
] as const;

/**
 * What happened to a grant: one of {@link GRANT_EVENT_TYPES}.
 *
 * @public
 */
export type GrantEventType = (typeof GRANT_EVENT_TYPES)[number];
