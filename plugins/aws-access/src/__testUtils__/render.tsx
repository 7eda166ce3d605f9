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

import { ReactNode } from 'react';
import type { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  MockStorageApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { storageApiRef, type StorageApi } from '@backstage/core-plugin-api';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { AwsAccessApi } from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../api';

/** renderInTestApp's signed-in user. */
export const TEST_APP_USER = 'user:default/guest';

/**
 * Where the catalog's entity pages live in tests, so `EntityRefLink`s to
 * people and groups resolve (the catalog plugin mounts this in an app).
 */
export const catalogRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

/** Renders UI with a fake aws-access API, optionally on an entity's page. */
export function renderWithApi(
  ui: ReactNode,
  options: {
    api: AwsAccessApi;
    entity?: Entity;
    routeEntries?: string[];
    /** Permissions the signed-in user does not have (all others are allowed). */
    deniedPermissions?: string[];
    /** What the catalog holds; empty unless given. */
    catalogEntities?: Entity[];
    /** The app's storage (where the request being assembled is kept); fresh unless given. */
    storage?: StorageApi;
  },
) {
  const permissions = new MockPermissionApi(request =>
    options.deniedPermissions?.includes(request.permission.name)
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW,
  );
  const content = options.entity ? (
    <EntityProvider entity={options.entity}>{ui}</EntityProvider>
  ) : (
    ui
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [awsAccessApiRef, options.api],
        [permissionApiRef, permissions],
        [storageApiRef, options.storage ?? MockStorageApi.create()],
        [
          catalogApiRef,
          catalogApiMock({ entities: options.catalogEntities ?? [] }),
        ],
      ]}
    >
      {content}
    </TestApiProvider>,
    { mountedRoutes: catalogRoutes, routeEntries: options.routeEntries },
  );
}
