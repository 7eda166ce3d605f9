import { useCallback } from 'react';
import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../routes';

/** Where the /aws-access page is when the app has not bound its route (tests, other apps). */
const DEFAULT_BASE = '/aws-access';

/**
 * The link to a grant's details: the grants page with `?grant=<id>`, the
 * same link notifications carry.
 */
export function useGrantDetailsLink(): (grantId: string) => string {
  let base = DEFAULT_BASE;
  try {
    base = useRouteRef(rootRouteRef)() || DEFAULT_BASE;
  } catch {
    // Not mounted in this app: the conventional path.
  }
  return useCallback(
    (grantId: string) =>
      `${base.replace(/\/$/, '')}/grants?grant=${encodeURIComponent(grantId)}`,
    [base],
  );
}
