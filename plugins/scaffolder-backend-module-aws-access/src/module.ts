/*
 * Copyright 2026 The Backstage AWS Access Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { AwsAccessClient } from '@backstage-aws-access/plugin-aws-access-common';
import { createAwsAccessExtendAction } from './actions/extendAccess';
import { createAwsAccessRequestAction } from './actions/requestAccess';
import { createAwsAccessRequestBundleAction } from './actions/requestBundle';
import { createAwsAccessRevokeAction } from './actions/revokeAccess';

/**
 * Adds the `aws:access:request`, `aws:access:revoke`, `aws:access:extend`
 * and `aws:access:request-bundle` actions to the scaffolder. They reach the aws-access plugin through its
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
          createAwsAccessRequestBundleAction({ api, auth, catalog }),
        );
      },
    });
  },
});
