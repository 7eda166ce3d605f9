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

import { LoggerService } from '@backstage/backend-plugin-api';
import {
  GrantRoleRepairs,
  ManagedRoleInventory,
} from '@backstage-aws-access/plugin-aws-access-node';
import { GrantAuditor } from '../audit/GrantAuditor';
import { GrantStore } from '../database/types';
import { GrantEngine } from '../engine/GrantEngine';
import { GrantLifecycle } from '../lifecycle/GrantLifecycle';
import { RoleDrift } from '../provisioning/roleDrift';

export interface ReconcileResult {
  removed: Array<{ roleArn: string; why: string }>;
  /** Roles of active grants that had been changed by hand, and were put back. */
  repaired: Array<{ grantId: string; roleArn: string; drift: RoleDrift }>;
  /**
   * Active grants whose role was changed outside Backstage in a way the
   * manager may not undo (its permissions boundary or its grant tag): the
   * grant was revoked, and ends `failed` with the cause.
   */
  revoked: Array<{ grantId: string; roleArn: string; why: string }>;
  /** Roles under the path without our tag, left alone. */
  foreign: string[];
  /** Roles of another Backstage installation sharing the account, left alone. */
  otherInstallations: string[];
  failedAccounts: string[];
  /** Roles whose drift could not be checked or repaired; the next pass retries. */
  failedRoles: string[];
}

export interface ReconcilerOptions {
  store: GrantStore;
  /** The plugin's one writer of grant state: records removals and repairs. */
  lifecycle: GrantLifecycle;
  provisioner: ManagedRoleInventory & GrantRoleRepairs;
  accountIds: () => string[];
  logger: LoggerService;
  /** Revokes the grant of a role that was tampered with. */
  engine: Pick<GrantEngine, 'revoke' | 'drive'>;
  /**
   * This installation (`awsAccess.installationId`): leftover roles are only
   * removed when they carry it, or when this installation's store knows
   * their grant.
   */
  installationId?: string;
  /** Records removals and repairs in the audit trail, when given. */
  auditor?: GrantAuditor;
  /**
   * How long the reconciler holds a grant while it checks and repairs its
   * role. The claim keeps an extension (which rewrites both policies) from
   * running at the same time, so a repair never puts back an older expiry.
   */
  claimLeaseMs?: number;
}
