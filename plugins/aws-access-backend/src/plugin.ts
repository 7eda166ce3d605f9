import type { Request } from 'express';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { adminPermission } from 'backstage-plugin-aws-access-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { NotAllowedError } from '@backstage/errors';
import { ApprovalPolicy } from './approval/ApprovalPolicy';
import { createCatalogNames } from './notifications/peopleNames';
import {
  GrantAuditor,
  GrantNotifications,
  readExpiryWarningMinutes,
} from './notifications';
import {
  createGrantPermissionEvaluators,
  registerGrantPermissions,
} from './permissions';
import { createGrantLifecycleListener } from './service/grantLifecycleListener';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { IamDataActionCatalog } from './actions/IamDataActionCatalog';
import { DefaultAwsClientFactory } from './aws/DefaultAwsClientFactory';
import { readAwsAccessConfig } from './config/AwsAccessConfig';
import { DatabaseGrantStore } from './database/DatabaseGrantStore';
import { IamGrantProvisioner } from './provisioning/IamGrantProvisioner';
import { AccountResolver } from './service/AccountResolver';
import { ResourceInventory } from './resources/ResourceInventory';
import { managedNames } from './resources/managedNames';
import { ExpiryScheduler } from './service/ExpiryScheduler';
import { GrantEngine } from './service/GrantEngine';
import { GrantNotifier } from './service/GrantNotifier';
import { GrantService } from './service/GrantService';
import { toApiGrant } from './service/grantView';
import { PrincipalResolver } from './service/PrincipalResolver';
import { Reconciler } from './service/Reconciler';
import {
  AccountStatusChecker,
  createOnboardingRouter,
  readOnboardingConfig,
} from './onboarding';
import {
  createTemplateLinkSigner,
  templateLinkKey,
} from './onboarding/templateLinks';
import { getUserCaller } from './service/authorization';
import { createRouter, toPermissionResource } from './service/router';
import { readGrantPresentationConfig } from './service/grantPresentation';
import { createInventoryReadiness } from './service/inventoryReadiness';
import { createNewAccountRouter } from './onboarding/newAccountRouter';
import { registerGrantActions } from './backstageActions/registerGrantActions';
import { createGrantAuthorization } from './service/grantAuthorization';
import {
  BreakGlassReviews,
  readBreakGlassConfig,
} from './breakGlass/BreakGlass';
import {
  createBreakGlassReviewing,
  createBreakGlassRouter,
} from './breakGlass/breakGlassRouter';
import { createAccessReviewRouter } from './export/accessReviewExport';

/**
 * The aws-access backend plugin: REST API, grant engine, expiry and reconciler.
 *
 * @public
 */
export const awsAccessPlugin = createBackendPlugin({
  pluginId: 'aws-access',
  register(env) {
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
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler, lifecycle, httpRouter } = deps;
        const awsAccessConfig = readAwsAccessConfig(config);
        // Read at start: a typo in an approval rule stops the backend.
        const approvals = ApprovalPolicy.fromConfig(config);
        const expiryWarningMinutes = readExpiryWarningMinutes(config);
        const accounts = () => awsAccessConfig.accounts;

        const clientFactory = DefaultAwsClientFactory.fromConfig(
          config,
          awsAccessConfig,
        );
        const store = await DatabaseGrantStore.create({
          database: deps.database,
        });
        const provisioner = new IamGrantProvisioner({
          clientFactory,
          logger: logger.child({ target: 'provisioner' }),
          rolePath: awsAccessConfig.rolePath,
          installationId: awsAccessConfig.installationId,
        });
        const engine = new GrantEngine({
          store,
          provisioner,
          logger: logger.child({ target: 'engine' }),
          rolePath: awsAccessConfig.rolePath,
        });
        const notifier = new GrantNotifier({
          logger,
          events: deps.events,
          signals: deps.signals,
        });
        engine.onChange((grant, type) => notifier.grantChanged(grant, type));
        const notifications = new GrantNotifications({
          notifications: deps.notifications,
          logger: logger.child({ target: 'notifications' }),
          names: createCatalogNames({ catalog: deps.catalog, auth: deps.auth }),
        });
        const auditor = new GrantAuditor(deps.auditor);
        engine.onChange(
          createGrantLifecycleListener({ notifications, auditor }),
        );
        registerGrantPermissions(deps.permissionsRegistry, async ids =>
          (await store.getGrants(ids)).map(g =>
            g ? toPermissionResource(g) : undefined,
          ),
        );
        const permissionEvaluators = createGrantPermissionEvaluators(
          deps.permissionsRegistry,
        );
        const reconciler = new Reconciler({
          store,
          provisioner,
          accountIds: () => accounts().map(a => a.accountId),
          logger: logger.child({ target: 'reconciler' }),
          auditor,
          engine,
          installationId: awsAccessConfig.installationId,
        });
        const accountStatus = new AccountStatusChecker({
          accounts: awsAccessConfig.accounts,
          rolePath: awsAccessConfig.rolePath,
          clientFactory,
          logger: logger.child({ target: 'account-status' }),
        });
        const breakGlassReviews = await BreakGlassReviews.create({
          database: deps.database,
        });
        const grants = new GrantService({
          breakGlass: {
            config: readBreakGlassConfig(config),
            reviews: breakGlassReviews,
          },
          describeAccount: account => accountStatus.describeAccount(account),
          config: () => awsAccessConfig,
          presentation: readGrantPresentationConfig(config),
          store,
          engine,
          actions: await IamDataActionCatalog.create(),
          accounts: new AccountResolver({
            accounts,
            requireInventory: () => awsAccessConfig.inventory.required,
            inventory: new ResourceInventory({
              catalog: deps.catalog,
              auth: deps.auth,
              logger,
              trustedLocations: () =>
                awsAccessConfig.inventory.trustedLocations,
            }),
          }),
          principals: new PrincipalResolver({
            catalog: deps.catalog,
            auth: deps.auth,
            logger,
            policy: {
              allowedAccountIds: () =>
                awsAccessConfig.principals.allowedAccountIds,
              allowFallback: () => awsAccessConfig.principals.allowFallback,
            },
          }),
          managedNames: () => managedNames(awsAccessConfig),
          approvals,
          notifications,
          auditor,
          // An account whose stack predates the grant boundary takes no new grants.
          assertAccountReady: accountId =>
            accountStatus.assertGrantable(accountId),
        });

        const expiry = new ExpiryScheduler({
          engine,
          store,
          logger: logger.child({ target: 'expiry' }),
          timeOutPending: now => grants.timeOutPendingGrants(now),
          expiryWarning: {
            leadMinutes: expiryWarningMinutes,
            warn: (grant, minutesLeft) =>
              notifications.expiresSoon(toApiGrant(grant), minutesLeft),
          },
        });

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
          // Send what is queued, but a dead backend must not hold up shutdown.
          await Promise.all([
            notifier.flush(5_000),
            notifications.flush(5_000),
          ]);
        });
        await accountStatus.start(scheduler);

        // Only where this backend discovers resources for the catalog.
        const inventoryReadiness = awsAccessConfig.catalog.enabled
          ? createInventoryReadiness({ catalog: deps.catalog, auth: deps.auth })
          : undefined;
        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            permissions: deps.permissions,
            permissionEvaluators,
            grants,
            inventoryReadiness,
          }),
        );
        const authorization = createGrantAuthorization({
          permissions: deps.permissions,
          permissionEvaluators,
          getGrant: id => grants.mustGet(id),
        });
        const breakGlassReviewing = createBreakGlassReviewing({
          authorization,
          grants,
          reviews: breakGlassReviews,
          auditor: deps.auditor,
          permissions: deps.permissions,
          permissionEvaluators,
        });
        httpRouter.use(
          createBreakGlassRouter({
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            reviewing: breakGlassReviewing,
          }),
        );
        httpRouter.use(
          createAccessReviewRouter({
            httpAuth: deps.httpAuth,
            authorization,
            store,
            reviews: breakGlassReviews,
          }),
        );
        // The same lifecycle as Backstage actions (CLI, MCP), same checks.
        registerGrantActions({
          actionsRegistry: deps.actionsRegistry,
          grants,
          authorization,
          breakGlassReviewing,
          auth: deps.auth,
          userInfo: deps.userInfo,
          inventoryReadiness,
        });
        const authorizeAdmin = async (req: Request) => {
          const caller = await getUserCaller(req, deps);
          const [decision] = await deps.permissions.authorize(
            [{ permission: adminPermission }],
            { credentials: await deps.httpAuth.credentials(req) },
          );
          if (decision.result !== AuthorizeResult.ALLOW) {
            throw new NotAllowedError(
              'only aws-access administrators may onboard or offboard accounts',
            );
          }
          return caller.userEntityRef;
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
            revokeAllActiveGrants: (accountId, actor) =>
              grants.revokeAllInAccount(accountId, actor),
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
