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
