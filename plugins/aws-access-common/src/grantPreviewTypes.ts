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

import type { GrantTarget } from './types';

/**
 * `POST /grants/preview`: what `POST /grants` with the same body would do.
 *
 * @public
 */
export interface GrantPreview {
  resourceArn: string;
  resourceType: string;
  accountId: string;
  region: string;
  actions: string[];
  durationMinutes: number;
  /** The expiry the grant would get if it were active now (ISO-8601 UTC). */
  expiresAt: string;
  /** `awsAccess.maxDurationMinutes`. */
  maxDurationMinutes: number;
  /** The role's trust policy, with the expiry condition. */
  trustPolicy: Record<string, unknown>;
  /** The role's inline permission policy, with the expiry condition. */
  permissionPolicy: Record<string, unknown>;
  /** Who must approve; `auto` means active at once. */
  approval:
    | { mode: 'auto' }
    | {
        mode: 'owner' | 'groups';
        /** Approvals needed. */
        count: number;
        /** Entity refs of the groups whose members may approve. */
        approverGroups: string[];
      };
  /**
   * Whether the requester may approve this request themselves in an
   * emergency (an approval rule with `breakGlass: true`), and the longest
   * such a grant may last.
   */
  breakGlass?: { allowed: boolean; maxDurationMinutes: number };
  /** The chosen actions at the access levels that deserve a second look. */
  sensitiveActions: Array<{
    action: string;
    accessLevel: 'Write' | 'Permissions management' | 'Tagging';
  }>;
  /** A bundle's part: every resource the role would cover. */
  targets?: GrantTarget[];
}
