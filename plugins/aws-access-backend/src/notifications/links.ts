/**
 * Where notifications point. Relative to the app, so they work behind any
 * base URL; the notifications frontend resolves them.
 */
const GRANTS_PAGE = '/aws-access';

/** The approvals inbox, opened on one request. */
export function approvalLink(grantId: string): string {
  return `${GRANTS_PAGE}/approvals?grant=${encodeURIComponent(grantId)}`;
}

/** The requester's view of one of their grants. */
export function grantLink(grantId: string): string {
  return `${GRANTS_PAGE}?grant=${encodeURIComponent(grantId)}`;
}
