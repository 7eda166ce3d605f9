import { createBackend } from '@backstage/backend-defaults';

// A minimal backend for working on the plugin alone: `pnpm start` in this folder.
const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('../src'));
backend.start();
