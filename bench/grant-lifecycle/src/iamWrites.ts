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

import { AwsCall, countByOperation, isWrite } from './countingProxy';

/** IAM writes per role among `calls`, for the given role names. */
export function writesPerRole(
  calls: readonly AwsCall[],
  roleNames: Set<string>,
  from: number,
  to: number,
) {
  const inWindow = calls.filter(
    c =>
      c.at >= from &&
      c.at <= to &&
      isWrite(c) &&
      c.roleName &&
      roleNames.has(c.roleName),
  );
  const perRole = new Map<string, number>();
  for (const call of inWindow) {
    perRole.set(call.roleName!, (perRole.get(call.roleName!) ?? 0) + 1);
  }
  const others = calls.filter(
    c =>
      c.at >= from &&
      c.at <= to &&
      isWrite(c) &&
      !(c.roleName && roleNames.has(c.roleName)),
  );
  return {
    total: inWindow.length,
    perGrant: inWindow.length / roleNames.size,
    min: Math.min(...[...roleNames].map(r => perRole.get(r) ?? 0)),
    max: Math.max(...[...roleNames].map(r => perRole.get(r) ?? 0)),
    byOperation: countByOperation(inWindow),
    otherWrites: others.length,
    /** How long moto took to answer each of these calls. */
    callMs: inWindow.filter(c => c.doneAt).map(c => c.doneAt! - c.at),
  };
}

export type WriteCounts = ReturnType<typeof writesPerRole>;
