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
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  AwsAccessClient,
  GRANT_EVENTS_TOPIC,
  type GrantChangedEvent,
} from '@backstage-aws-access/plugin-aws-access-common';
import {
  awsAccessResourceDiscoveryExtensionPoint,
  awsClientFactoryServiceRef,
  readAwsAccessConfig,
  type ResourceDiscoverer,
} from '@backstage-aws-access/plugin-aws-access-node';
import { AwsAccessGrantEntityProvider } from './AwsAccessGrantEntityProvider';
import { AwsResourceEntityProvider } from './AwsResourceEntityProvider';

/**
 * Catalog module: the AWS resources of the configured accounts, and one
 * entity per active grant, kept live by grant events.
 *
 * @public
 */
export const catalogModuleAwsAccess = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'aws-access',
  register(env) {
    const extraDiscoverers: ResourceDiscoverer[] = [];
    env.registerExtensionPoint(awsAccessResourceDiscoveryExtensionPoint, {
      addResourceDiscoverer(...discoverers) {
        extraDiscoverers.push(...discoverers);
      },
    });
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        events: eventsServiceRef,
        clientFactory: awsClientFactoryServiceRef,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        auth,
        discovery,
        events,
        clientFactory,
      }) {
        const awsAccessConfig = readAwsAccessConfig(config);
        const settings = awsAccessConfig.catalog;

        if (settings.enabled) {
          catalog.addEntityProvider(
            AwsResourceEntityProvider.fromConfig(awsAccessConfig, {
              clientFactory,
              discoverers: extraDiscoverers,
              logger: logger.child({ target: 'aws-access-resources' }),
              taskRunner: scheduler.createScheduledTaskRunner({
                ...settings.schedule,
                scope: 'global',
              }),
            }),
          );
        }

        const grants = AwsAccessGrantEntityProvider.create({
          enabled:
            config.getOptionalBoolean(
              'awsAccess.catalog.grantEntities.enabled',
            ) ?? true,
          client: new AwsAccessClient({ discoveryApi: discovery }),
          auth,
          logger: logger.child({ target: 'aws-access-grants' }),
          taskRunner: scheduler.createScheduledTaskRunner({
            ...settings.grantRefreshSchedule,
            scope: 'global',
          }),
        });
        catalog.addEntityProvider(grants);
        await events.subscribe({
          id: 'aws-access-grant-entities',
          topics: [GRANT_EVENTS_TOPIC],
          onEvent: async ({ eventPayload }) =>
            grants.onGrantChanged(eventPayload as GrantChangedEvent),
        });
      },
    });
  },
});
