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
