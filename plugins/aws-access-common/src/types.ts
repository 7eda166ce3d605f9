/**
 * The states a grant moves through. See DESIGN.md, "Grant lifecycle".
 * `pending` waits for approval; `provisioning` and `revoking` are the only
 * states in which IAM is being changed.
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

export type GrantState = (typeof GRANT_STATES)[number];

/** States from which a grant never moves again. */
export const TERMINAL_GRANT_STATES: readonly GrantState[] = [
  'revoked',
  'expired',
  'rejected',
  'cancelled',
  'failed',
];

/** The IAM access levels, as the service authorization reference names them. */
export const ACCESS_LEVELS = [
  'List',
  'Read',
  'Tagging',
  'Write',
  'Permissions management',
] as const;

export type AccessLevel = (typeof ACCESS_LEVELS)[number];

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
   * `awsAccess.approval.pendingTimeoutMinutes`.
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
   * How a person uses the grant from the AWS CLI, from the backend's
   * config (`awsAccess.cli`): see `buildAwsCliSnippet`.
   */
  cli?: GrantCliSettings;
}

/** `Grant.extension`: can the grant be extended, and by how much at most. */
export interface GrantExtension {
  allowed: boolean;
  /** Why not, for people (never rule numbers or ids). */
  reason?: string;
  /** No extension ends later than this many minutes from the time it is made. */
  maxDurationMinutes?: number;
  /** Where a total lifetime is configured: no extension ends after this (ISO-8601 UTC). */
  lifetimeEndsAt?: string;
}

/** `Grant.cli`: what the AWS CLI snippet needs to know about this installation. */
export interface GrantCliSettings {
  /** The endpoint the backend talks to when it is not AWS (the demo's local AWS). */
  endpointUrl?: string;
  /** The file holding the requester's own keys; `~/.aws/credentials` when absent. */
  credentialsFile?: string;
  /** The profile with the requester's own keys; the user's name when absent. */
  sourceProfile?: string;
  /** Region for the profile when the grant's ARN names none (S3). */
  region?: string;
}

/** One person's approval of a grant. */
export interface GrantApproval {
  /** Entity ref of the approving user. */
  approver: string;
  comment?: string;
  createdAt: string;
}

export interface GrantEvent {
  id: number;
  grantId: string;
  /** What happened, e.g. `requested`, `provisioned`, `revoked`, `extended`. */
  type: string;
  fromState?: GrantState;
  toState?: GrantState;
  /** Entity ref of a user, or `service:<id>` / `system` for automation. */
  actor: string;
  reason?: string;
  data?: Record<string, unknown>;
  createdAt: string;
}

export interface GrantWithEvents extends Grant {
  events: GrantEvent[];
}

/**
 * `outdated`: reachable, but the onboarding stack predates what new grants
 * need (the grant boundary); the account takes no new grants until the
 * stack is updated.
 */
export type AccountStatus = 'unknown' | 'connected' | 'outdated' | 'error';

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

/** A role the onboarding stack creates, as shown to the admin. */
export interface OnboardingRole {
  name: string;
  /** `manage` (grant roles) or `read` (discovery). */
  purpose: 'manage' | 'read';
  summary: string;
  /** The role's permission policy, as deployed in this account. */
  policy: Record<string, unknown>;
}

/** `GET /onboarding/:accountId`: what an admin needs to connect an account. */
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

/** `POST /onboarding/new`: what an admin needs to add an account that is not configured yet. */
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

/** `POST /accounts/:accountId/offboard`. */
export interface OffboardResult {
  accountId: string;
  /** Active grants revoked in the account. */
  revokedGrants: number;
  /** What the admin does next: delete the stack. */
  instructions: string;
  /** Console link to the account's CloudFormation stacks. */
  stacksUrl: string;
}

export interface ActionInfo {
  /** `service:Action`, e.g. `s3:GetObject`. */
  action: string;
  accessLevel: AccessLevel;
  description: string;
}

export interface ListResponse<T> {
  items: T[];
  nextCursor?: string;
}

/** The limits every request is held to, stated before anyone submits (`GET /accounts`). */
export interface GrantLimits {
  /** `awsAccess.maxDurationMinutes`. */
  maxDurationMinutes: number;
  /** Most actions in one grant. */
  maxActions: number;
}

/** `GET /accounts`: the accounts, and the limits of a request. */
export interface AccountsResponse extends ListResponse<AwsAccount> {
  limits?: GrantLimits;
}

/**
 * Payload published on the events topic for each change. Backend-internal:
 * the events bus answers only service credentials.
 */
export interface GrantChangedEvent {
  grant: Grant;
  type: string;
}

/**
 * The message on `GRANT_SIGNAL_CHANNEL`: which grant changed and how,
 * nothing else. The browser fetches the grant through the API, which checks
 * `aws-access.grant.read`; the signal itself must be harmless to anyone.
 */
export type GrantSignalMessage = {
  grantId: string;
  type: string;
};

/** `POST /grants/preview`: what `POST /grants` with the same body would do. */
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
}

/** The post-hoc review of a break-glass grant. */
export type BreakGlassReviewState = 'pending' | 'confirmed' | 'flagged';

export interface BreakGlassReview {
  grantId: string;
  requester: string;
  state: BreakGlassReviewState;
  createdAt: string;
  reviewedBy?: string;
  reviewedAt?: string;
  comment?: string;
}

/** An entry of `GET /break-glass/reviews`: the grant and its review. */
export interface BreakGlassReviewItem {
  grant: Grant;
  review: BreakGlassReview;
}
