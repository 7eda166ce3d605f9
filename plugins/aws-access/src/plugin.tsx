import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';

import { rootRouteRef } from './routes';

export const page = PageBlueprint.make({
  params: {
    path: '/aws-access',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/TodoPage').then(m => (
        <m.TodoPage />
      )),
  },
});

export const awsAccessPlugin = createFrontendPlugin({
  pluginId: 'aws-access',
  extensions: [page],
  routes: {
    root: rootRouteRef,
  }
});
