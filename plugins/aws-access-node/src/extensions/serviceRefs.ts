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
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultAwsClientFactory } from '../aws/DefaultAwsClientFactory';
import type { AwsClientFactory } from '../aws/types';
import { readAwsAccessConfig } from '../config/AwsAccessConfig';

/**
 * SDK client config per configured account, shared by the `aws-access`
 * plugin and its catalog module. The default assumes each account's
 * manager (or reader) role through `@backstage/integration-aws-node`;
 * override the service to supply credentials another way.
 *
 * @public
 */
export const awsClientFactoryServiceRef = createServiceRef<AwsClientFactory>({
  id: 'aws-access.client-factory',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) =>
        DefaultAwsClientFactory.fromConfig(config, readAwsAccessConfig(config)),
    }),
});
