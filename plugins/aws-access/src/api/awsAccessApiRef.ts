import { createApiRef } from '@backstage/frontend-plugin-api';
import type { AwsAccessApi } from '@backstage-aws-access/plugin-aws-access-common';

/**
 * The aws-access REST API as a Backstage utility API. The implementation is
 * the typed `AwsAccessClient` from `-common`, so the browser and the backend
 * modules speak to the service through one client.
 *
 * @public
 */
export const awsAccessApiRef = createApiRef<AwsAccessApi>().with({
  id: 'plugin.aws-access.service',
  pluginId: 'aws-access',
});
