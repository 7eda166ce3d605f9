import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { IamDataActionCatalog } from './actions/IamDataActionCatalog';
import { DefaultAwsClientFactory } from './aws/DefaultAwsClientFactory';
import { readAwsAccessConfig } from './config/AwsAccessConfig';
import { DatabaseGrantStore } from './database/DatabaseGrantStore';
import { IamGrantProvisioner } from './provisioning/IamGrantProvisioner';
import { AccountResolver } from './service/AccountResolver';
import { ExpiryScheduler } from './service/ExpiryScheduler';
import { GrantEngine } from './service/GrantEngine';
import { GrantNotifier } from './service/GrantNotifier';
import { GrantService } from './service/GrantService';
import { PrincipalResolver } from './service/PrincipalResolver';
import { Reconciler } from './service/Reconciler';
import {
  AccountStatusChecker,
  createOnboardingRouter,
  readOnboardingConfig,
} from './onboarding';
import { assertAdmin, getUserCaller } from './service/authorization';
import { createRouter } from './service/router';

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
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        signals: signalsServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler, lifecycle, httpRouter } = deps;
        const awsAccessConfig = readAwsAccessConfig(config);
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
        const expiry = new ExpiryScheduler({
          engine,
          store,
          logger: logger.child({ target: 'expiry' }),
        });
        const reconciler = new Reconciler({
          store,
          provisioner,
          accountIds: () => accounts().map(a => a.accountId),
          logger: logger.child({ target: 'reconciler' }),
        });
        const accountStatus = new AccountStatusChecker({
          accounts: awsAccessConfig.accounts,
          rolePath: awsAccessConfig.rolePath,
          clientFactory,
          logger: logger.child({ target: 'account-status' }),
        });
        const grants = new GrantService({
          describeAccount: account => accountStatus.describeAccount(account),
          config: () => awsAccessConfig,
          store,
          engine,
          actions: await IamDataActionCatalog.create(),
          accounts: new AccountResolver({
            accounts,
            catalog: deps.catalog,
            auth: deps.auth,
            logger,
          }),
          principals: new PrincipalResolver({
            catalog: deps.catalog,
            auth: deps.auth,
            logger,
          }),
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
        lifecycle.addShutdownHook(() => expiry.stop());
        await accountStatus.start(scheduler);

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            grants,
          }),
        );
        httpRouter.use(
          await createOnboardingRouter({
            config: awsAccessConfig,
            onboarding: readOnboardingConfig(config),
            discovery: deps.discovery,
            authorizeAdmin: async req => {
              const caller = await getUserCaller(req, deps);
              assertAdmin(
                caller,
                awsAccessConfig.adminGroups,
                'onboard or offboard accounts',
              );
              return caller.userEntityRef;
            },
            revokeAllActiveGrants: (accountId, actor) =>
              grants.revokeAllInAccount(accountId, actor),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // CloudFormation downloads the template without a Backstage token; it
        // holds no secret (the external id is a stack parameter).
        httpRouter.addAuthPolicy({
          path: '/onboarding',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
