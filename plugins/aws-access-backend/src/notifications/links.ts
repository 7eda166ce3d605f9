/**
 * Where notifications point. Relative to the app, so they work behind any
 * base URL; the notifications frontend resolves them.
 */
const GRANTS_PAGE = '/aws-access';

/** The approvals inbox, opened on one request. */
export function approvalLink(grantId: string): string {
  return `${GRANTS_PAGE}/approvals?grant=${encodeURIComponent(grantId)}`;
}

/**
 * The requester's view of one of their grants, on the grants tab. Named
 * outright: the new frontend system redirects `/aws-access` to its first tab
 * without the query, which would lose `?grant=`.
 */
export function grantLink(grantId: string): string {
  return `${GRANTS_PAGE}/grants?grant=${encodeURIComponent(grantId)}`;
}
