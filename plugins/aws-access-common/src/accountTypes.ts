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
 * `outdated`: reachable, but the onboarding stack predates what new grants
 * need (the grant boundary); the account takes no new grants until the
 * stack is updated.
 *
 * @public
 */
export type AccountStatus = 'unknown' | 'connected' | 'outdated' | 'error';

/** @public */
export interface AwsAccount {
  accountId: string;
  name: string;
  regions: string[];
  status: AccountStatus;
  statusMessage?: string;
  /** Version of the onboarding template the account's roles were created from. */
  templateVersion?: number;
  /** True when the deployed stack is older than the backend's template. */
  updateAvailable?: boolean;
  /** When the connection was last checked. */
  checkedAt?: string;
}

/**
 * A role the onboarding stack creates, as shown to the admin.
 *
 * @public
 */
export interface OnboardingRole {
  name: string;
  /** `manage` (grant roles) or `read` (discovery). */
  purpose: 'manage' | 'read';
  summary: string;
  /** The role's permission policy, as deployed in this account. */
  policy: Record<string, unknown>;
}

/**
 * `GET /onboarding/:accountId`: what an admin needs to connect an account.
 *
 * @public
 */
export interface AccountOnboarding {
  accountId: string;
  stackName: string;
  templateVersion: number;
  /** The CloudFormation template (YAML). */
  templateYaml: string;
  /** Where CloudFormation fetches the template from. */
  templateUrl: string;
  /** Console link that opens "create stack" with everything filled in. */
  quickCreateUrl: string;
  roles: OnboardingRole[];
}

/**
 * `POST /onboarding/new`: what an admin needs to add an account that is not configured yet.
 *
 * @public
 */
export interface NewAccountOnboarding {
  accountId: string;
  name: string;
  region: string;
  stackName: string;
  templateVersion: number;
  /** The CloudFormation template (YAML), to download and create as a stack in the account. */
  templateYaml: string;
  /** A fresh external id: a stack parameter, and part of the account's config entry. */
  externalId?: string;
  /** The `awsAccess.accounts` entry to add to the app config once the stack exists. */
  configYaml: string;
  /** The same stack with the AWS CLI, from a shell with admin rights in the account. */
  createStackCommand: string;
  roles: Array<Pick<OnboardingRole, 'name' | 'purpose' | 'summary'>>;
}

/**
 * Where an offboarding is: `requested` (recorded, waiting for the task),
 * `running`, `done` (no live grant left) or `failed` (see `error`).
 *
 * @public
 */
export type OffboardingState = 'requested' | 'running' | 'done' | 'failed';

/**
 * `POST /accounts/:accountId/offboard` (202: recorded, the grants are revoked
 * in the background) and `GET /accounts/:accountId/offboard` (its progress).
 *
 * @public
 */
export interface OffboardResult {
  accountId: string;
  /** Grants revoked in the account so far. */
  revokedGrants: number;
  /** What the admin does next: delete the stack. */
  instructions: string;
  /** Console link to the account's CloudFormation stacks. */
  stacksUrl: string;
  /** Where the offboarding is; `done` once no live grant is left. */
  state?: OffboardingState;
  /** Live grants still to revoke, once the task has looked. */
  remainingGrants?: number;
  /** The path (under the plugin's base URL) to poll for progress. */
  statusPath?: string;
  requestedBy?: string;
  requestedAt?: string;
  finishedAt?: string;
  /** Why the last run stopped short, for `failed`. */
  error?: string;
}
