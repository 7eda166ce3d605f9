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

import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ServiceUnavailableError, stringifyError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_REGION,
  ANNOTATION_GRANT_ID,
  GRANT_ENTITY_TYPE,
  normalizeEntityRef,
} from '@backstage-aws-access/plugin-aws-access-common';
import { parentArns, StrictArn } from './strictArn';

/** A resource the inventory (the catalog's AWS resource entities) knows. */
export interface InventoryResource {
  arn: string;
  accountId: string;
  region?: string;
  entityRef: string;
  /** `metadata.name`: what people and role names call it. */
  name: string;
  title?: string;
  /** The owner group's entity ref, lower-case. */
  owner?: string;
  /** The entity's labels: AWS tags, for approval rules. */
  tags?: Record<string, string>;
}

/** Where a requested ARN sits in the inventory. */
export interface InventoryMatch {
  /** The catalogued resource the request is on, or under. */
  resource: InventoryResource;
  /** True when the request is for a sub-resource of it (an object prefix). */
  isSubResource: boolean;
}

/**
 * Whether a `managed-by-location` is a trusted provider's: the prefix
 * itself, or below it at a separator, so that a trusted
 * `url:https://github.com/org/infra` never also trusts `…/infra-evil`.
 */
export function isUnder(location: string, prefix: string): boolean {
  if (location === prefix) return true;
  if (!location.startsWith(prefix)) return false;
  return /[/:]$/.test(prefix) || /^[/:]/.test(location.slice(prefix.length));
}

/**
 * The AWS resources a grant may target, as the catalog holds them. Only
 * entities emitted by a trusted provider count (by default the aws-access
 * discovery, whose `backstage.io/managed-by-location` the catalog never
 * lets a registered file claim), so a user who can register catalog files
 * cannot invent a resource, or a second owner for a real one. Grant
 * entities are never resources. ARNs match exactly, case included: the
 * catalog's own filter is case-insensitive, so every answer is checked
 * again here.
 */
export class ResourceInventory {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** `backstage.io/managed-by-location` prefixes of trusted providers. */
      trustedLocations: () => string[];
    },
  ) {}

  /**
   * Every catalogued resource the ARN is, or is under, in each account,
   * nearest first. Throws `ServiceUnavailableError` when the catalog cannot
   * be read: without it nothing can be checked.
   */
  async find(arn: StrictArn): Promise<InventoryMatch[]> {
    const self = arn.isPrefix ? arn.arn.slice(0, -2) : arn.arn;
    const candidates = [self, ...parentArns(arn)];
    let items: Entity[];
    try {
      ({ items } = await this.options.catalog.getEntities(
        {
          // Structured filters only: values are never spliced into a
          // filter string, and the ARN was refused any separator anyway.
          filter: {
            kind: 'Resource',
            [`metadata.annotations.${ANNOTATION_AWS_ARN}`]: candidates,
          },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
            'metadata.annotations',
            'metadata.labels',
            'spec.owner',
            'spec.type',
          ],
        },
        { credentials: await this.options.auth.getOwnServiceCredentials() },
      ));
    } catch (error) {
      this.options.logger.warn(
        `Catalog lookup of ${arn.arn} failed: ${stringifyError(error)}`,
      );
      throw new ServiceUnavailableError(
        'the catalog could not be read to check the resource; try again shortly',
      );
    }
    const trusted = this.options.trustedLocations();
    const matches: Array<InventoryMatch & { rank: number }> = [];
    for (const entity of items) {
      const annotations = entity.metadata?.annotations ?? {};
      const entityArn = annotations[ANNOTATION_AWS_ARN];
      const rank = candidates.indexOf(entityArn ?? '');
      const location = annotations[ANNOTATION_LOCATION] ?? '';
      if (
        rank < 0 ||
        entity.spec?.type === GRANT_ENTITY_TYPE ||
        annotations[ANNOTATION_GRANT_ID] !== undefined ||
        !trusted.some(prefix => isUnder(location, prefix))
      ) {
        continue;
      }
      const accountId = annotations[ANNOTATION_AWS_ACCOUNT_ID] ?? '';
      if (!/^\d{12}$/.test(accountId)) {
        continue;
      }
      const owner = entity.spec?.owner;
      matches.push({
        rank,
        isSubResource: rank > 0 || arn.isPrefix,
        resource: {
          arn: entityArn!,
          accountId,
          region: annotations[ANNOTATION_AWS_REGION] || undefined,
          entityRef: stringifyEntityRef({
            kind: 'resource',
            namespace: entity.metadata.namespace ?? 'default',
            name: entity.metadata.name,
          }),
          name: entity.metadata.name,
          title: entity.metadata.title,
          owner:
            typeof owner === 'string'
              ? normalizeEntityRef(owner, 'group')
              : undefined,
          // `fields` leaves out `metadata.labels` when there are none.
          tags: entity.metadata.labels,
        },
      });
    }
    return matches
      .sort((a, b) => a.rank - b.rank)
      .map(({ rank: _rank, ...match }) => match);
  }
}
