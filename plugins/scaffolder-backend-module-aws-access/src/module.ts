import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { AwsAccessClient } from '@backstage-aws-access/plugin-aws-access-common';
import { createAwsAccessExtendAction } from './actions/extendAccess';
import { createAwsAccessRequestAction } from './actions/requestAccess';
import { createAwsAccessRevokeAction } from './actions/revokeAccess';

/**
 * Adds the `aws:access:request`, `aws:access:revoke` and `aws:access:extend`
 * actions to the scaffolder. They reach the aws-access plugin through its
 * REST API only, so the two can run in different backends.
 *
 * @public
 */
export const scaffolderModuleAwsAccess = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'aws-access',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, discovery, auth, catalog }) {
        const api = new AwsAccessClient({ discoveryApi: discovery });
        scaffolder.addActions(
          createAwsAccessRequestAction({ api, auth, catalog }),
          createAwsAccessRevokeAction({ api, auth }),
          createAwsAccessExtendAction({ api, auth }),
        );
      },
    });
  },
});
