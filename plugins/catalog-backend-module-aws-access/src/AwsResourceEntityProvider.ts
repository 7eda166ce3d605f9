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
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { AwsClientFactory } from '@backstage-aws-access/plugin-aws-access-node';
import type { AwsAccessConfig } from '@backstage-aws-access/plugin-aws-access-node';
import {
  discoverersFor,
  fetchTagsByArn,
  type DiscoveryContext,
  type ResourceDiscoverer,
  type ResourceTags,
} from './discovery';
import { toResourceEntity } from './resourceEntity';

/** The outcome of the last discovery of one type in one account and region. */
export interface DiscoveryPartStatus {
  accountId: string;
  /** `global` for types listed once per account (S3). */
  region: string;
  type: string;
  status: 'ok' | 'error';
  /** Entities of this part in the catalog now (the last good ones after a failure). */
  entityCount: number;
  lastSuccessAt?: string;
  lastAttemptAt: string;
  error?: string;
}

interface Part {
  key: string;
  accountId: string;
  region: string;
  regions: string[];
  discoverer: ResourceDiscoverer;
}

interface PartState {
  entities?: Entity[];
  status: DiscoveryPartStatus;
}

const PROVIDER_NAME = 'aws-access-resources';

/**
 * Puts the AWS resources of every configured account and region in the
 * catalog, owned per their tags.
 *
 * Each type in each account and region is a part that succeeds or fails on
 * its own. A failed part keeps its last good entities (held in memory) and
 * is logged and reported by {@link AwsResourceEntityProvider.getStatus}; the
 * others are updated. When a part has never succeeded since start, the
 * provider sends only additions that round, so the catalog keeps what it had.
 */
export class AwsResourceEntityProvider implements EntityProvider {
  private readonly parts: Part[];
  private readonly state = new Map<string, PartState>();
  private connection?: EntityProviderConnection;

  static fromConfig(
    config: AwsAccessConfig,
    options: {
      clientFactory: AwsClientFactory;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
      /** Resource types to discover beyond the built-in and configured ones. */
      discoverers?: ResourceDiscoverer[];
    },
  ): AwsResourceEntityProvider {
    return new AwsResourceEntityProvider(
      config,
      options.clientFactory,
      options.logger,
      options.taskRunner,
      options.discoverers ?? [],
    );
  }

  private constructor(
    private readonly config: AwsAccessConfig,
    private readonly clientFactory: AwsClientFactory,
    private readonly logger: LoggerService,
    private readonly taskRunner: SchedulerServiceTaskRunner,
    extraDiscoverers: ResourceDiscoverer[],
  ) {
    const configured = discoverersFor(config.catalog);
    const known = new Set(extraDiscoverers.map(d => d.type));
    // A module's discoverer replaces a built-in one of the same entity type.
    const discoverers = [
      ...configured.filter(d => !known.has(d.type)),
      ...extraDiscoverers,
    ];
    this.parts = config.accounts.flatMap(account =>
      discoverers.flatMap(discoverer => {
        const regions =
          discoverer.scope === 'global' ? ['global'] : account.regions;
        return regions.map(region => ({
          key: `${account.accountId}/${region}/${discoverer.type}`,
          accountId: account.accountId,
          region: region === 'global' ? account.regions[0] : region,
          regions: account.regions,
          discoverer,
        }));
      }),
    );
  }

  getProviderName(): string {
    return PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.taskRunner.run({
      id: `${PROVIDER_NAME}:refresh`,
      fn: () => this.refresh(),
    });
  }

  /** Where each part stands after the latest discovery. */
  getStatus(): DiscoveryPartStatus[] {
    return [...this.state.values()].map(s => s.status);
  }

  /** Discovers every part once and hands the result to the catalog. */
  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error(`${PROVIDER_NAME} is not connected`);
    }
    const accountIds = [...new Set(this.parts.map(part => part.accountId))];
    await Promise.all(
      accountIds.map(accountId =>
        this.discoverAccount(
          accountId,
          this.parts.filter(part => part.accountId === accountId),
        ),
      ),
    );

    const entities: DeferredEntity[] = [];
    let complete = true;
    for (const part of this.parts) {
      const known = this.state.get(part.key)?.entities;
      if (!known) complete = false;
      for (const entity of known ?? []) {
        entities.push({ entity, locationKey: PROVIDER_NAME });
      }
    }
    await this.connection.applyMutation(
      complete
        ? { type: 'full', entities }
        : { type: 'delta', added: entities, removed: [] },
    );
  }

  private async discoverAccount(accountId: string, parts: Part[]) {
    // One tag lookup per region and filter, shared by the parts of this run.
    const tagLookups = new Map<string, Promise<Map<string, ResourceTags>>>();
    const location = `aws-access:${PROVIDER_NAME}`;
    const context = (part: Part): DiscoveryContext => ({
      accountId,
      region: part.region,
      regions: part.regions,
      clientConfig: region =>
        this.clientFactory.clientConfig(accountId, 'read', region),
      tagsByArn: (region, filters) => {
        const key = `${region}|${filters.join(',')}`;
        let lookup = tagLookups.get(key);
        if (!lookup) {
          lookup = this.clientFactory
            .clientConfig(accountId, 'read', region)
            .then(clientConfig => fetchTagsByArn(clientConfig, filters));
          tagLookups.set(key, lookup);
        }
        return lookup;
      },
    });

    const failures: string[] = [];
    let cause: unknown;
    await Promise.all(
      parts.map(async part => {
        const attemptAt = new Date().toISOString();
        const previous = this.state.get(part.key);
        const status: Omit<DiscoveryPartStatus, 'status' | 'entityCount'> = {
          accountId,
          region: part.discoverer.scope === 'global' ? 'global' : part.region,
          type: part.discoverer.type,
          lastAttemptAt: attemptAt,
        };
        try {
          const resources = await part.discoverer.list(context(part));
          const entities = resources.map(resource =>
            toResourceEntity(
              resource,
              part.discoverer,
              accountId,
              location,
              this.config.catalog,
            ),
          );
          this.state.set(part.key, {
            entities,
            status: {
              ...status,
              status: 'ok',
              entityCount: entities.length,
              lastSuccessAt: attemptAt,
            },
          });
        } catch (error) {
          cause ??= error;
          failures.push(`${part.discoverer.type} (${status.region})`);
          this.state.set(part.key, {
            entities: previous?.entities,
            status: {
              ...status,
              status: 'error',
              entityCount: previous?.entities?.length ?? 0,
              lastSuccessAt: previous?.status.lastSuccessAt,
              error: String(error),
            },
          });
        }
      }),
    );
    if (failures.length) {
      this.logger.warn(
        `AWS resource discovery failed in account ${accountId} for ${failures.join(
          ', ',
        )}; keeping the entities found there last time. Cause: ${cause}`,
        { accountId },
      );
    }
  }
}
