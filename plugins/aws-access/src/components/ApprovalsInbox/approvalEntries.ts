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

import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';

/** One item of the inbox: a grant, or a bundle with its waiting parts. */
export interface ApprovalEntry {
  key: string;
  /** The grant, or a bundle's first part (its requester, reason, approvals). */
  grant: Grant;
  /** Set for a bundle: decided as one. */
  parts?: Grant[];
}

/**
 * The inbox's items in the order of `grants`: the parts of one bundle
 * become one item where its first part stood, so a bundle over five
 * resources is one decision, not five.
 */
export function approvalEntries(grants: Grant[]): ApprovalEntry[] {
  const entries: ApprovalEntry[] = [];
  const bundles = new Map<string, ApprovalEntry>();
  for (const grant of grants) {
    if (!grant.bundleId) {
      entries.push({ key: grant.id, grant });
      continue;
    }
    const known = bundles.get(grant.bundleId);
    if (known) {
      known.parts!.push(grant);
      continue;
    }
    const entry = { key: `bundle:${grant.bundleId}`, grant, parts: [grant] };
    bundles.set(grant.bundleId, entry);
    entries.push(entry);
  }
  return entries;
}

/** Whether an entry stands for the grant a notification linked to. */
export function entryHas(entry: ApprovalEntry, grantId: string): boolean {
  return (entry.parts ?? [entry.grant]).some(g => g.id === grantId);
}
