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

import type { Request } from 'express';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { adminPermission } from '@backstage-aws-access/plugin-aws-access-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { NotAllowedError } from '@backstage/errors';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  awsAccessApprovalExtensionPoint,
  awsAccessPrincipalsExtensionPoint,
  awsAccessProvisionerExtensionPoint,
  awsClientFactoryServiceRef,
  type AwsAccessApprovalPolicy,
  type AwsPrincipalSource,
  type GrantProvisioner,
} from '@backstage-aws-access/plugin-aws-access-node';
import { createOnboardingRouter, readOnboardingConfig } from './onboarding';
import { createNewAccountRouter } from './onboarding/newAccountRouter';
import {
  createTemplateLinkSigner,
  templateLinkKey,
} from './onboarding/templateLinks';
import { userRequestOf } from './permissions/caller';
import { registerBundleActions } from './backstageActions/registerBundleActions';
import { registerGrantActions } from './backstageActions/registerGrantActions';
import { createAwsAccessServices } from './service/createAwsAccessServices';
import { scheduleAccountOffboarding } from './offboarding/accountOffboarding';
import { OffboardingStore } from './offboarding/OffboardingStore';

/**
 * The aws-access backend plugin: REST API, grant engine, expiry and reconciler.
 *
 * @public
 */
export const awsAccessPlugin = createBackendPlugin({
  pluginId: 'aws-access',
  register(env) {
    // What adopters' modules may replace (see @backstage-aws-access/plugin-aws-access-node).
    let customProvisioner: GrantProvisioner | undefined;
    let customApprovals: AwsAccessApprovalPolicy | undefined;
    let customPrincipals: AwsPrincipalSource | undefined;
    const once = <T>(current: T | undefined, next: T, what: string): T => {
      if (current) {
        throw new Error(`The aws-access ${what} was already set by a module`);
      }
      return next;
    };
    env.registerExtensionPoint(awsAccessProvisionerExtensionPoint, {
      setProvisioner(provisioner) {
        customProvisioner = once(customProvisioner, provisioner, 'provisioner');
      },
    });
    env.registerExtensionPoint(awsAccessApprovalExtensionPoint, {
      setApprovalPolicy(policy) {
        customApprovals = once(customApprovals, policy, 'approval policy');
      },
    });
    env.registerExtensionPoint(awsAccessPrincipalsExtensionPoint, {
      setPrincipalSource(source) {
        customPrincipals = once(customPrincipals, source, 'principal source');
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        notifications: notificationService,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        signals: signalsServiceRef,
        clientFactory: awsClientFactoryServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler, lifecycle, httpRouter } = deps;
        const services = await createAwsAccessServices({
          ...deps,
          custom: {
            provisioner: customProvisioner,
            approvals: customApprovals,
            principals: customPrincipals,
          },
        });
        const {
          config: awsAccessConfig,
          expiry,
          reconciler,
          grants,
        } = services;

        // Global tasks run on one replica at a time; timers and row claims
        // make expiry prompt and single-handed across replicas.
        await scheduler.scheduleTask({
          id: 'aws-access-expiry-sweep',
          scope: 'global',
          ...awsAccessConfig.schedules.expirySweep,
          fn: () => expiry.sweep(),
        });
        await scheduler.scheduleTask({
          id: 'aws-access-reconciler',
          scope: 'global',
          ...awsAccessConfig.schedules.reconciler,
          // The reconciler logs and audits what it removes or repairs.
          fn: async () => {
            await reconciler.reconcile();
          },
        });
        // Every replica sweeps the outbox: this process delivers what it
        // commits at once; the sweep takes over rows whose claim lapsed (a
        // replica died mid-delivery) and retries that are due.
        await scheduler.scheduleTask({
          id: 'aws-access-outbox-sweep',
          scope: 'local',
          frequency: { seconds: 30 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 5 },
          fn: async () => {
            await services.outbox.sweep();
          },
        });
        // Resume grants a previous run left mid-step, and arm the timers of
        // grants expiring soon, without waiting for the first sweep.
        lifecycle.addStartupHook(() => {
          expiry
            .sweep()
            .catch(error =>
              logger.error('Startup sweep failed', error as Error),
            );
        });
        lifecycle.addShutdownHook(async () => {
          expiry.stop();
          // Finish deliveries under way, but a dead backend must not hold up
          // shutdown: what is left stays in the outbox for the next sweep.
          await services.outbox.stop(5_000);
          await services.flush(5_000);
        });
        await services.accountStatus.start(scheduler);

        for (const router of await services.apiRouters()) {
          httpRouter.use(router);
        }
        // The same lifecycle as Backstage actions (CLI, MCP), same checks.
        registerGrantActions({
          actionsRegistry: deps.actionsRegistry,
          grants,
          authorization: services.authorization,
          breakGlassReviewing: services.breakGlassReviewing,
          auth: deps.auth,
          userInfo: deps.userInfo,
          inventoryReadiness: services.inventoryReadiness,
        });
        registerBundleActions({
          actionsRegistry: deps.actionsRegistry,
          bundles: services.bundles,
          present: grant => grants.present(grant),
          authorization: services.authorization,
          auth: deps.auth,
          userInfo: deps.userInfo,
          inventoryReadiness: services.inventoryReadiness,
        });
        const authorizeAdmin = async (req: Request) => {
          const { credentials, caller } = await userRequestOf(req, deps);
          const [decision] = await deps.permissions.authorize(
            [{ permission: adminPermission }],
            { credentials },
          );
          if (decision.result !== AuthorizeResult.ALLOW) {
            throw new NotAllowedError(
              'only aws-access administrators may onboard or offboard accounts',
            );
          }
          return (await caller()).userEntityRef;
        };
        httpRouter.use(
          createNewAccountRouter({
            config: awsAccessConfig,
            onboarding: readOnboardingConfig(config),
            authorizeAdmin,
          }),
        );
        httpRouter.use(
          await createOnboardingRouter({
            config: awsAccessConfig,
            onboarding: readOnboardingConfig(config),
            discovery: deps.discovery,
            templateLinks: createTemplateLinkSigner(
              templateLinkKey({ config, database: deps.database }),
            ),
            // Who administers aws-access is the permission policy's call
            // (the demo policy grants it to awsAccess.adminGroups).
            authorizeAdmin,
            offboarding: await scheduleAccountOffboarding({
              store: await OffboardingStore.create({ database: deps.database }),
              grants,
              scheduler,
              logger: logger.child({ target: 'offboarding' }),
            }),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // CloudFormation downloads the template without a Backstage token.
        // Only that path is public, and it answers only signed, expiring
        // links; the rest of /onboarding needs a signed-in admin.
        httpRouter.addAuthPolicy({
          path: '/onboarding/:accountId/template.yaml',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
