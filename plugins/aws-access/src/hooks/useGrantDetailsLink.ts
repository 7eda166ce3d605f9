import { useCallback } from 'react';

/**
 * Where the grants page is: the path the plugin's page mounts at, and the
 * one notifications link to (`/aws-access/grants?grant=<id>`, part of the
 * REST and notification contract).
 */
export const GRANTS_PAGE_PATH = '/aws-access/grants';

/** The link to a grant's details: the grants page with `?grant=<id>`. */
export function useGrantDetailsLink(): (grantId: string) => string {
  return useCallback(
    (grantId: string) =>
      `${GRANTS_PAGE_PATH}?grant=${encodeURIComponent(grantId)}`,
    [],
  );
}
