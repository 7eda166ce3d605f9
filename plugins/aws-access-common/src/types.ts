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

import type { GrantEventType } from './grantEventTypes';
import type { AwsAccount } from './accountTypes';

export * from './accountTypes';
export * from './grantPreviewTypes';
export * from './breakGlassTypes';
/**
 * The states a grant moves through; the backend's `lifecycle/transitions.ts`
 * says which event moves a grant from which state to which.
 * `pending` waits for approval; `provisioning` and `revoking` are the only
 * states in which IAM is being changed.
 *
 * @public
 */
export const GRANT_STATES = [
  'pending',
  'provisioning',
  'active',
  'revoking',
  'revoked',
  'expired',
  'rejected',
  'cancelled',
  'failed',
] as const;

/** @public */
export type GrantState = (typeof GRANT_STATES)[number];

/**
 * States from which a grant never moves again.
 *
 * @public
 */
export const TERMINAL_GRANT_STATES: readonly GrantState[] = [
  'revoked',
  'expired',
  'rejected',
  'cancelled',
  'failed',
];

/**
 * The IAM access levels, as the service authorization reference names them.
 *
 * @public
 */
export const ACCESS_LEVELS = [
  'List',
  'Read',
  'Tagging',
  'Write',
  'Permissions management',
] as const;

/** @public */
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** @public */
export interface Grant {
  id: string;
  state: GrantState;
  /** Entity ref of the requesting user, e.g. `user:default/guest`. */
  requester: string;
  resourceArn: string;
  /** `service:type`, e.g. `s3:bucket`, `ec2:instance`. */
  resourceType: string;
  /**
   * Entity ref of the catalogued resource the grant is on, or under (for
   * an object prefix); absent when `awsAccess.inventory.required` is off.
   */
  resourceRef?: string;
  accountId: string;
  region: string;
  actions: string[];
  reason: string;
  durationMinutes: number;
  createdAt: string;
  approvedAt?: string;
  approvedBy?: string;
  activatedAt?: string;
  expiresAt?: string;
  endedAt?: string;
  roleArn?: string;
  roleName?: string;
  policyName?: string;
  signInUrl?: string;
  lastError?: string;
  /** Owner entity ref of the requested resource, from the catalog at request time. */
  resourceOwner?: string;
  /** Approvals needed before the grant is provisioned; absent when none were. */
  requiredApprovals?: number;
  /** Groups whose members may approve, while approval is needed. */
  approverGroups?: string[];
  /** Approvals recorded so far, oldest first. */
  approvals?: GrantApproval[];
  /**
   * While `pending`: when the request ends `rejected` if nobody has decided
   * (ISO-8601 UTC). Fixed at request time from
   * `awsAccess.approval.pendingTimeout`, in minutes.
   */
  approvalDeadline?: string;
  /**
   * Whether the caller may extend this grant now, and if not, why, in
   * words for people. Computed by the backend from the approval rules and
   * limits; absent on grants that can never be extended (not active).
   */
  extension?: GrantExtension;
  /**
   * True when the requester approved it themselves in an emergency
   * (break-glass); it waits in the review queue until an approver confirms
   * or flags it.
   */
  breakGlass?: boolean;
  /**
   * The bundle this grant is one part of (`POST /bundles`): one role per
   * account, approved, extended and revoked together.
   */
  bundleId?: string;
  /**
   * Every resource this grant's role covers, the first being `resourceArn`
   * with `actions`. More than one only for a bundle's part that covers
   * several resources of one account.
   */
  targets?: GrantTarget[];
  /**
   * How a person uses the grant from the AWS CLI, from the backend's
   * config (`awsAccess.cli`): see `buildAwsCliSnippet`.
   */
  cli?: GrantCliSettings;
}

/**
 * One resource a grant's role covers, with the actions allowed on it.
 *
 * @public
 */
export interface GrantTarget {
  resourceArn: string;
  /** `service:type`, e.g. `s3:bucket`. */
  resourceType: string;
  /** Entity ref of the catalogued resource, where the inventory knows it. */
  resourceRef?: string;
  /** Owner entity ref of the resource, from the catalog at request time. */
  resourceOwner?: string;
  actions: string[];
}

/**
 * `Grant.extension`: can the grant be extended, and by how much at most.
 *
 * @public
 */
export interface GrantExtension {
  allowed: boolean;
  /** Why not, for people (never rule numbers or ids). */
  reason?: string;
  /** No extension ends later than this many minutes from the time it is made. */
  maxDurationMinutes?: number;
  /** Where a total lifetime is configured: no extension ends after this (ISO-8601 UTC). */
  lifetimeEndsAt?: string;
}

/**
 * `Grant.cli`: what the AWS CLI snippet needs to know about this installation.
 *
 * @public
 */
export interface GrantCliSettings {
  /** The endpoint the backend talks to when it is not AWS (the demo's local AWS). */
  endpointUrl?: string;
  /** The file holding the requester's own keys; `~/.aws/credentials` when absent. */
  credentialsFile?: string;
  /** The profile with the requester's own keys; the user's name when absent. */
  sourceProfile?: string;
  /** Region for the profile when the grant's ARN names none (S3). */
  region?: string;
  /**
   * For how long after `activatedAt` AWS may still refuse the new role
   * (IAM is eventually consistent): the grant page says so meanwhile.
   * Fifteen seconds when absent.
   */
  propagationDelaySeconds?: number;
}

/**
 * One person's approval of a grant.
 *
 * @public
 */
export interface GrantApproval {
  /** Entity ref of the approving user. */
  approver: string;
  comment?: string;
  createdAt: string;
}

/** @public */
export interface GrantEvent {
  id: number;
  grantId: string;
  /** What happened, e.g. `requested`, `activated`, `revoked`, `extended`. */
  type: GrantEventType;
  fromState?: GrantState;
  toState?: GrantState;
  /** Entity ref of a user, or `service:<id>` / `system` for automation. */
  actor: string;
  reason?: string;
  data?: Record<string, unknown>;
  createdAt: string;
}

/** @public */
export interface GrantWithEvents extends Grant {
  events: GrantEvent[];
}

/** @public */
export interface ActionInfo {
  /** `service:Action`, e.g. `s3:GetObject`. */
  action: string;
  accessLevel: AccessLevel;
  description: string;
}

/** @public */
export interface ListResponse<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * The limits every request is held to, stated before anyone submits (`GET /accounts`).
 *
 * @public
 */
export interface GrantLimits {
  /** `awsAccess.maxDurationMinutes`. */
  maxDurationMinutes: number;
  /** Most actions in one grant. */
  maxActions: number;
}

/**
 * `GET /accounts`: the accounts, and the limits of a request.
 *
 * @public
 */
export interface AccountsResponse extends ListResponse<AwsAccount> {
  limits?: GrantLimits;
}

/**
 * Payload published on the events topic for each change. Backend-internal:
 * the events bus answers only service credentials.
 *
 * @public
 */
export interface GrantChangedEvent {
  grant: Grant;
  type: GrantEventType;
}

/**
 * The message on `GRANT_SIGNAL_CHANNEL`: which grant changed and how,
 * nothing else. The browser fetches the grant through the API, which checks
 * `aws-access.grant.read`; the signal itself must be harmless to anyone.
 *
 * @public
 */
export type GrantSignalMessage = {
  grantId: string;
  type: GrantEventType;
};
