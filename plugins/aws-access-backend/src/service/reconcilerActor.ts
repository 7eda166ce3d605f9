/** Who the reconciler acts as, in grant history and audit events. */
export const RECONCILER_ACTOR = 'service:aws-access';
