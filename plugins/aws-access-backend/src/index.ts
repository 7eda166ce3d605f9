/**
 * Self-service, time-bound, least-privilege AWS IAM access for Backstage:
 * the `aws-access` backend plugin with its catalog and scaffolder modules.
 *
 * `backend.add(import('backstage-plugin-aws-access-backend'))` installs all of
 * them; each is also exported on its own.
 *
 * @packageDocumentation
 */
import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { awsAccessPlugin } from './plugin';

export { awsAccessPlugin };

/** Installs the plugin and its modules. @public */
export default createBackendFeatureLoader({
  *loader() {
    yield awsAccessPlugin;
  },
});
