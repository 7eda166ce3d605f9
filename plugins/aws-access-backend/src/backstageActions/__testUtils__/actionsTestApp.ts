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

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { JsonObject } from '@backstage/types';
import { createTestApp, userInfo } from '../../service/__testUtils__/testApp';
import { registerBundleActions } from '../registerBundleActions';
import { registerGrantActions } from '../registerGrantActions';

/**
 * The REST test app (same store, engine, service and policy) with the
 * grant actions registered on a mock actions registry: `invoke(name,
 * input, user)` runs an action as that user, as the registry would.
 */
export async function createActionsTestApp(
  options: Parameters<typeof createTestApp>[0] & {
    /** Registers the bundle actions too. */
    withBundles?: boolean;
  },
) {
  const app = await createTestApp(options);
  const registry = actionsRegistryServiceMock();
  registerGrantActions({
    actionsRegistry: registry,
    grants: app.grants,
    breakGlassReviewing: app.breakGlassReviewing,
    authorization: app.authorization,
    auth: mockServices.auth(),
    userInfo,
  });
  if (options.withBundles) {
    registerBundleActions({
      actionsRegistry: registry,
      bundles: app.bundles,
      present: grant => app.grants.present(grant),
      authorization: app.authorization,
      auth: mockServices.auth(),
      userInfo,
    });
  }
  const invoke = async (
    name: string,
    input: JsonObject,
    user: string | 'service',
  ): Promise<any> => {
    const { output } = await registry.invoke({
      id: `test:${name}`,
      input,
      credentials:
        user === 'service'
          ? mockCredentials.service('plugin:other')
          : mockCredentials.user(user),
    });
    return output;
  };
  /** Runs an action and answers the error it throws (or fails the test). */
  const refusal = async (
    name: string,
    input: JsonObject,
    user: string,
  ): Promise<Error> => {
    try {
      await invoke(name, input, user);
    } catch (error) {
      return error as Error;
    }
    throw new Error(`${name} was expected to fail`);
  };
  return { ...app, registry, invoke, refusal };
}

/** Every action the plugin registers, by name, sorted. */
export const ALL_ACTION_NAMES = [
  'approve-bundle',
  'approve-request',
  'cancel-bundle',
  'cancel-request',
  'extend-bundle',
  'extend-grant',
  'get-bundle',
  'get-grant',
  'list-break-glass-reviews',
  'list-iam-actions',
  'list-my-grants',
  'preview-request',
  'reject-bundle',
  'reject-request',
  'request-access',
  'request-bundle',
  'review-break-glass',
  'revoke-bundle',
  'revoke-grant',
];
