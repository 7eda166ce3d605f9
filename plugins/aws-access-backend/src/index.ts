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
import { scaffolderModuleAwsAccess } from './scaffolder';
import { catalogModuleAwsAccess } from './catalog';

export { awsAccessPlugin };

// For permission policies: conditions on grants (IS_REQUESTER, IS_RESOURCE_OWNER, HAS_STATE).
export { createGrantConditionalDecision, grantConditions } from './permissions';
export { scaffolderModuleAwsAccess } from './scaffolder';
export { catalogModuleAwsAccess } from './catalog';

/** Installs the plugin and its modules. @public */
export default createBackendFeatureLoader({
  *loader() {
    yield awsAccessPlugin;
    yield scaffolderModuleAwsAccess;
    yield catalogModuleAwsAccess;
  },
});
