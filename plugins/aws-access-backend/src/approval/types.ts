import { AccessLevel } from 'backstage-plugin-aws-access-common';

/** Who approves requests that match a rule. */
export type ApproverMode = 'auto' | 'owner' | 'groups';

export const APPROVER_MODES: readonly ApproverMode[] = [
  'auto',
  'owner',
  'groups',
];

/**
 * One entry of `awsAccess.approval.rules`, checked and normalised: entity
 * refs are full (`group:default/team-a`), and every optional matcher that is
 * absent matches any request.
 */
export interface ApprovalRule {
  accountIds?: string[];
  /** Owner entity refs of the requested resource. */
  resourceOwners?: string[];
  /** Every listed tag must be on the resource with exactly this value. */
  resourceTags?: Record<string, string>;
  /** Matches when the highest access level of the request is one of these. */
  accessLevels?: AccessLevel[];
  approvers: ApproverMode;
  /** Group entity refs whose members approve, with `approvers: groups`. */
  groups?: string[];
  /** Distinct approvals needed. */
  count: number;
  /** The requester may self-approve in an emergency (see breakGlass/). */
  breakGlass?: boolean;
}

/** `awsAccess.approval`, read once at start. */
export interface ApprovalConfig {
  pendingTimeoutMinutes: number;
  rules: ApprovalRule[];
}

/** What the matcher needs to know about a request. */
export interface ApprovalRequest {
  accountId: string;
  /** Owner entity ref of the requested resource, from the catalog, if known. */
  resourceOwner?: string;
  /** Tags of the requested resource, if known. */
  resourceTags?: Record<string, string>;
  /** Access levels of the requested actions (duplicates allowed). */
  accessLevels: AccessLevel[];
}

/** The outcome of matching a request against the rules. */
export type ApprovalRequirement =
  | {
      mode: 'auto';
      /** Index of the matching rule; absent when no rule matched (the default). */
      ruleIndex?: number;
    }
  | {
      mode: 'owner' | 'groups';
      /** Members of any of these groups may approve. */
      approverGroups: string[];
      /** Distinct approvals needed. */
      count: number;
      ruleIndex: number;
      /**
       * `allowed`: the rule lets the requester self-approve in an emergency;
       * `used`: they did (the grant is break-glass).
       */
      breakGlass?: 'allowed' | 'used';
    };

/** A recorded approval of one grant. */
export interface GrantApproval {
  /** Entity ref of the approving user. */
  approver: string;
  approvedAt: Date;
  comment?: string;
}

/** The approving user, as the permission framework knows them. */
export interface Approver {
  userEntityRef: string;
  /** The user's own ref and the groups they belong to (`BackstageUserInfo`). */
  ownershipEntityRefs: string[];
}

/** The answer of `ApprovalPolicy.canApprove`. */
export type ApprovalCheck =
  | {
      allowed: true;
      /** True when this approval brings the grant to the required count. */
      complete: boolean;
      /** Distinct approvals once this one is counted. */
      approvals: number;
      required: number;
    }
  | {
      allowed: false;
      /** Why, in words shown to the approver (the API's 403 message). */
      reason: string;
    };
