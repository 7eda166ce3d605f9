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
  AuditorService,
  AuthService,
  DatabaseService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  readAwsAccessConfig,
  type AwsAccessApprovalPolicy,
  type AwsClientFactory,
  type AwsPrincipalSource,
  type GrantProvisioner,
} from '@backstage-aws-access/plugin-aws-access-node';
import {
  BreakGlassReviews,
  readBreakGlassConfig,
} from '../breakGlass/BreakGlass';
import { createBreakGlassReviewing } from '../breakGlass/breakGlassRouter';
import { BundleService } from '../bundles/BundleService';
import { BundleStore } from '../bundles/BundleStore';
import { IamDataActionCatalog } from '../iamActions/IamDataActionCatalog';
import { GrantEventBus } from '../lifecycle/GrantEventBus';
import { GrantLifecycle } from '../lifecycle/GrantLifecycle';
import { ApprovalPolicy } from '../approval/ApprovalPolicy';
import { DatabaseGrantStore } from '../database/DatabaseGrantStore';
import { GrantAuditor } from '../audit/GrantAuditor';
import { GrantNotifications, readExpiryWarningMinutes } from '../notifications';
import { ExpiryWarningQueue } from '../notifications/ExpiryWarningQueue';
import { GrantOutbox } from '../outbox';
import { AccountStatusChecker } from '../onboarding';
import { createCatalogNames } from '../notifications/peopleNames';
import {
  createGrantPermissionEvaluators,
  registerGrantPermissions,
} from '../permissions';
import { IamGrantProvisioner } from '../provisioning/IamGrantProvisioner';
import { managedNames } from '../resources/managedNames';
import { ResourceInventory } from '../resources/ResourceInventory';
import { AccountResolver } from '../resources/AccountResolver';
import { createApiRouters } from '../http/apiRouters';
import { ExpiryScheduler } from '../engine/ExpiryScheduler';
import { GrantEngine } from '../engine/GrantEngine';
import { createGrantOutboxReceivers } from '../outboxReceivers/grantOutboxReceivers';
import { readGrantPresentationConfig } from '../grantApi/grantPresentation';
import { GrantService } from '../grantApi/GrantService';
import { createGrantAuthorization } from '../permissions/grantAuthorization';
import { createInventoryReadiness } from '../resources/inventoryReadiness';
import { PrincipalResolver } from '../principals/PrincipalResolver';
import { Reconciler } from '../reconciler/Reconciler';
import { toPermissionResource } from '../permissions/resource';

/** What {@link createAwsAccessServices} is built from: the plugin's dependencies. */
export interface AwsAccessServicesOptions {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
  clientFactory: AwsClientFactory;
  /** Optional where a backend lacks them (and in some tests). */
  notifications?: NotificationService;
  auditor?: AuditorService;
  events?: EventsService;
  signals?: SignalsService;
  /** What modules set through the extension points. */
  custom?: {
    provisioner?: GrantProvisioner;
    approvals?: AwsAccessApprovalPolicy;
    principals?: AwsPrincipalSource;
  };
  /** Replaces the onboarding-stack check before a grant (tests only). */
  assertAccountReady?: (accountId: string) => void;
  /** Where the CLI snippet's defaults are read from; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The composition root of the aws-access plugin: every service it runs,
 * wired once. `plugin.ts` adds the schedules, hooks and routes; tests and
 * benches use the same wiring.
 */
export async function createAwsAccessServices(
  options: AwsAccessServicesOptions,
) {
  const { config, logger, custom = {} } = options;
  const awsAccessConfig = readAwsAccessConfig(config);
  const accounts = () => awsAccessConfig.accounts;
  // Read at start: a typo in an approval rule stops the backend.
  const approvals = custom.approvals ?? ApprovalPolicy.fromConfig(config);
  const notifications =
    options.notifications &&
    new GrantNotifications({
      notifications: options.notifications,
      names: createCatalogNames({
        catalog: options.catalog,
        auth: options.auth,
      }),
    });
  const auditor = options.auditor && new GrantAuditor(options.auditor);
  const outbox = new GrantOutbox(
    createGrantOutboxReceivers({
      notifications,
      auditor,
      events: options.events,
      signals: options.signals,
    }),
  );
  const store = await DatabaseGrantStore.create({
    database: options.database,
    onEventsWritten: outbox.onEventsWritten,
  });
  const outboxDispatcher = outbox.deliverWith({
    db: await options.database.getClient(),
    getGrants: ids => store.getGrants(ids),
    logger: logger.child({ target: 'outbox' }),
  });
  const provisioner =
    custom.provisioner ??
    new IamGrantProvisioner({
      clientFactory: options.clientFactory,
      logger: logger.child({ target: 'provisioner' }),
      rolePath: awsAccessConfig.rolePath,
      installationId: awsAccessConfig.installationId,
    });
  // Every transition of every grant goes through this one lifecycle; what
  // reacts in process subscribes on its bus, what leaves it reads the outbox.
  const events = new GrantEventBus(logger.child({ target: 'events' }));
  const lifecycle = new GrantLifecycle({ store, events });
  const engine = new GrantEngine({
    store,
    lifecycle,
    provisioner,
    logger: logger.child({ target: 'engine' }),
    rolePath: awsAccessConfig.rolePath,
  });

  registerGrantPermissions(options.permissionsRegistry, async ids =>
    (await store.getGrants(ids)).map(g =>
      g ? toPermissionResource(g) : undefined,
    ),
  );
  const permissionEvaluators = createGrantPermissionEvaluators(
    options.permissionsRegistry,
  );

  const reconciler = new Reconciler({
    store,
    lifecycle,
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
    clientFactory: options.clientFactory,
    logger: logger.child({ target: 'account-status' }),
  });
  const breakGlassReviews = await BreakGlassReviews.create({
    database: options.database,
  });
  const actionCatalog = await IamDataActionCatalog.create();
  const grants = new GrantService({
    breakGlass: {
      config: readBreakGlassConfig(config),
      reviews: breakGlassReviews,
    },
    describeAccount: account => accountStatus.describeAccount(account),
    config: () => awsAccessConfig,
    presentation: readGrantPresentationConfig(config, options.env),
    store,
    engine,
    lifecycle,
    actions: actionCatalog,
    accounts: new AccountResolver({
      accounts,
      requireInventory: () => awsAccessConfig.inventory.required,
      inventory: new ResourceInventory({
        catalog: options.catalog,
        auth: options.auth,
        logger,
        trustedLocations: () => awsAccessConfig.inventory.trustedLocations,
      }),
    }),
    principals: new PrincipalResolver({
      source: custom.principals,
      catalog: options.catalog,
      auth: options.auth,
      logger,
      policy: {
        allowedAccountIds: () => awsAccessConfig.principals.allowedAccountIds,
        allowFallback: () => awsAccessConfig.principals.allowFallback,
      },
    }),
    managedNames: () => managedNames(awsAccessConfig),
    approvals,
    auditor,
    // An account whose stack predates the grant boundary takes no new grants.
    assertAccountReady:
      options.assertAccountReady ??
      (accountId => accountStatus.assertGrantable(accountId)),
  });
  // Bundles are a layer over the grants: each target planned as a grant.
  const bundles = new BundleService({
    config: () => awsAccessConfig,
    store,
    bundles: await BundleStore.create({ database: options.database }),
    engine,
    lifecycle,
    actions: actionCatalog,
    approvals,
    planTarget: (request, caller, now) =>
      grants.planRequest(request, caller, now),
  });
  const expiryWarningMinutes = readExpiryWarningMinutes(config);
  const expiryWarnings =
    notifications &&
    new ExpiryWarningQueue({
      notifications,
      logger: logger.child({ target: 'notifications' }),
    });
  const expiry = new ExpiryScheduler({
    engine,
    lifecycle,
    events,
    store,
    logger: logger.child({ target: 'expiry' }),
    timeOutPending: now => grants.timeOutPendingGrants(now),
    expiryWarning: {
      leadMinutes: expiryWarningMinutes,
      warn: async (grant, minutesLeft) =>
        expiryWarnings?.warn(grant, minutesLeft),
    },
  });

  // Only where this backend discovers resources for the catalog.
  const inventoryReadiness = awsAccessConfig.catalog.enabled
    ? createInventoryReadiness({
        catalog: options.catalog,
        auth: options.auth,
      })
    : undefined;
  const authorization = createGrantAuthorization({
    permissions: options.permissions,
    permissionEvaluators,
    getGrant: id => grants.mustGet(id),
  });
  const breakGlassReviewing = createBreakGlassReviewing({
    authorization,
    grants,
    reviews: breakGlassReviews,
    auditor: options.auditor,
    permissions: options.permissions,
    permissionEvaluators,
  });

  /** The REST API, built when `plugin.ts` mounts it. */
  const apiRouters = () =>
    createApiRouters({
      httpAuth: options.httpAuth,
      userInfo: options.userInfo,
      permissions: options.permissions,
      permissionEvaluators,
      authorization,
      grants,
      bundles,
      inventoryReadiness,
      reviewing: breakGlassReviewing,
      store,
      reviews: breakGlassReviews,
    });

  return {
    config: awsAccessConfig,
    store,
    provisioner,
    events,
    engine,
    grants,
    bundles,
    expiry,
    reconciler,
    accountStatus,
    outbox: outboxDispatcher,
    notifications,
    auditor,
    permissionEvaluators,
    authorization,
    breakGlassReviews,
    breakGlassReviewing,
    inventoryReadiness,
    apiRouters,
    /** Finishes the deliveries under way (outbox, expiry warnings), waiting at most `ms`. */
    async flush(ms?: number) {
      await Promise.all([
        outboxDispatcher.flush(ms),
        expiryWarnings?.flush(ms),
      ]);
    },
  };
}

/** The services of one aws-access plugin instance. */
export type AwsAccessServices = Awaited<
  ReturnType<typeof createAwsAccessServices>
>;
