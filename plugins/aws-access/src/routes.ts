import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Route of the grants page. A legacy route ref, so one ref serves both the
 * old frontend system and (converted) the new one.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'aws-access' });
