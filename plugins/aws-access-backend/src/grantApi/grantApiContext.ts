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

import type {
  AwsAccessApprovalPolicy,
  AwsPrincipalResolver,
} from '@backstage-aws-access/plugin-aws-access-node';
import {
  AccountConfig,
  AwsAccessConfig,
} from '@backstage-aws-access/plugin-aws-access-node';
import { AwsAccount } from '@backstage-aws-access/plugin-aws-access-common';
import { ApprovalPolicy } from '../approval/ApprovalPolicy';
import { BreakGlassConfig, BreakGlassReviews } from '../breakGlass/BreakGlass';
import { GrantStore } from '../database/types';
import { ActionCatalog } from '../iamActions/types';
import { GrantLifecycle } from '../lifecycle/GrantLifecycle';
import { GrantAuditor } from '../audit/GrantAuditor';
import { ManagedNames } from '../resources/managedResources';
import { AccountResolver } from '../resources/AccountResolver';
import { GrantEngine } from '../engine/GrantEngine';
import { GrantPresentationConfig } from './grantPresentation';

/** What the grant API is built from (the options of `GrantService`). */
export interface GrantApiOptions {
  config: () => AwsAccessConfig;
  store: GrantStore;
  engine: GrantEngine;
  /** The plugin's one writer of grant state: records approvals. */
  lifecycle: GrantLifecycle;
  actions: ActionCatalog;
  accounts: AccountResolver;
  principals: AwsPrincipalResolver;
  /**
   * How long a request waits for IAM before answering with the grant as it
   * is (e.g. still `provisioning`); the engine carries on regardless.
   */
  settleTimeoutMs?: number;
  /** The connection status of an account; `unknown` when not checked. */
  describeAccount?: (account: AccountConfig) => AwsAccount;
  /** Who must approve what; without it every request is approved at once. */
  approvals?: AwsAccessApprovalPolicy;
  auditor?: GrantAuditor;
  /** What the access system itself consists of in each account: never grantable. */
  managedNames: () => ManagedNames;
  /** Throws when an account cannot take new grants (e.g. its stack is outdated). */
  assertAccountReady?: (accountId: string) => void;
  /** `Grant.cli` and the total-lifetime limit (see grantPresentation.ts). */
  presentation?: GrantPresentationConfig;
  /** Break-glass self-approval; without it no request may use it. */
  breakGlass?: { config: BreakGlassConfig; reviews: BreakGlassReviews };
}

/** The options with their defaults applied, shared by every grant operation. */
export type GrantApiContext = Omit<
  GrantApiOptions,
  'settleTimeoutMs' | 'approvals'
> & {
  settleTimeoutMs: number;
  approvals: AwsAccessApprovalPolicy;
};

export function createGrantApiContext(
  options: GrantApiOptions,
): GrantApiContext {
  return {
    ...options,
    settleTimeoutMs: options.settleTimeoutMs ?? 15_000,
    approvals:
      options.approvals ??
      new ApprovalPolicy({ pendingTimeoutMinutes: 24 * 60, rules: [] }),
  };
}
