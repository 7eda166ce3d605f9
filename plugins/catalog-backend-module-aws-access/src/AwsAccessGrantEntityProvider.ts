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

import type {
  AuthService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  AWS_ACCESS_PLUGIN_ID,
  type AwsAccessApi,
  type Grant,
  type GrantChangedEvent,
} from '@backstage-aws-access/plugin-aws-access-common';
import { toGrantEntity } from './grantEntity';

const PROVIDER_NAME = 'aws-access-grants';
const LOCATION = `aws-access:${PROVIDER_NAME}`;
const PAGE_SIZE = 500;

function isLive(grant: Grant, now: number): boolean {
  return (
    grant.state === 'active' &&
    (!grant.expiresAt || Date.parse(grant.expiresAt) > now)
  );
}

/**
 * Keeps one catalog entity per active grant, so the catalog filtered by
 * `spec.type=aws-access-grant` is the live list of who holds access.
 *
 * Grant events (`aws-access.grant`) add or remove an entity at once; a
 * periodic full refresh through the REST API repairs whatever an event
 * missed (a restart, a lost event, an expiry nobody announced).
 */
export class AwsAccessGrantEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** Grants changed by events while a full refresh is reading the API. */
  private changedDuringRefresh?: Map<string, Grant>;

  static create(options: {
    client: AwsAccessApi;
    auth: AuthService;
    logger: LoggerService;
    taskRunner: SchedulerServiceTaskRunner;
    /**
     * `awsAccess.catalog.grantEntities.enabled`. When false the provider stays
     * registered only to empty what it published before; it emits nothing.
     */
    enabled?: boolean;
  }): AwsAccessGrantEntityProvider {
    return new AwsAccessGrantEntityProvider(
      options.client,
      options.auth,
      options.logger,
      options.taskRunner,
      options.enabled ?? true,
    );
  }

  private constructor(
    private readonly client: AwsAccessApi,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
    private readonly taskRunner: SchedulerServiceTaskRunner,
    private readonly enabled: boolean,
  ) {}

  getProviderName(): string {
    return PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    if (!this.enabled) {
      // Unregistering would leave the grants published by an earlier run in
      // the catalog for good; an empty full mutation removes them.
      await connection.applyMutation({ type: 'full', entities: [] });
      return;
    }
    await this.taskRunner.run({
      id: `${PROVIDER_NAME}:refresh`,
      fn: () => this.refresh(),
    });
  }

  /** Applies one grant state change as a delta mutation. */
  async onGrantChanged(event: GrantChangedEvent): Promise<void> {
    if (!this.enabled) return;
    const grant = event?.grant;
    if (!grant?.id || !grant.resourceArn) {
      this.logger.warn(`Ignoring a grant event without a grant`, {
        type: event?.type,
      });
      return;
    }
    this.changedDuringRefresh?.set(grant.id, grant);
    if (!this.connection) {
      return; // the first full refresh after connecting will include it
    }
    const entity = toGrantEntity(grant, LOCATION);
    await this.connection.applyMutation(
      isLive(grant, Date.now())
        ? {
            type: 'delta',
            added: [{ entity, locationKey: PROVIDER_NAME }],
            removed: [],
          }
        : {
            type: 'delta',
            added: [],
            removed: [
              {
                entityRef: stringifyEntityRef(entity),
                locationKey: PROVIDER_NAME,
              },
            ],
          },
    );
  }

  /** Replaces all grant entities with the active grants the API reports. */
  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error(`${PROVIDER_NAME} is not connected`);
    }
    const changed = new Map<string, Grant>();
    this.changedDuringRefresh = changed;
    try {
      const grants = new Map(
        (await this.listActiveGrants()).map(grant => [grant.id, grant]),
      );
      // An event newer than the page we read wins over it.
      for (const [id, grant] of changed) grants.set(id, grant);
      const now = Date.now();
      await this.connection.applyMutation({
        type: 'full',
        entities: [...grants.values()]
          .filter(grant => isLive(grant, now))
          .map(grant => ({
            entity: toGrantEntity(grant, LOCATION),
            locationKey: PROVIDER_NAME,
          })),
      });
    } finally {
      if (this.changedDuringRefresh === changed) {
        this.changedDuringRefresh = undefined;
      }
    }
  }

  private async listActiveGrants(): Promise<Grant[]> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: AWS_ACCESS_PLUGIN_ID,
    });
    const grants: Grant[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.client.listGrants(
        { state: 'active', limit: PAGE_SIZE, cursor },
        { token },
      );
      grants.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return grants;
  }
}
