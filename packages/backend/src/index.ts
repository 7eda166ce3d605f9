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

/*
 * The demo backend: a standard Backstage backend with the aws-access plugin
 * and its catalog and scaffolder modules, one `backend.add` line each.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Development only: sign in as any demo user (auth.providers.demo).
backend.add(import('./demoUserSignIn'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

backend.add(import('@backstage/plugin-permission-backend'));
// aws-access's defaults (everything else allowed); see permissionPolicy.ts.
backend.add(import('./permissionPolicy'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
// Grant entities stay out of the index, which would outlive their grants.
backend.add(import('./searchModuleHideGrants'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-events-backend'));

// Self-service, time-bound AWS IAM access: the plugin, then its catalog and scaffolder modules.
backend.add(import('@backstage-aws-access/plugin-aws-access-backend'));
backend.add(
  import('@backstage-aws-access/plugin-catalog-backend-module-aws-access'),
);
backend.add(
  import('@backstage-aws-access/plugin-scaffolder-backend-module-aws-access'),
);
// Backstage actions (aws-access's among them) as MCP tools for AI agents.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
