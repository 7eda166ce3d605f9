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
  AwsClientConfig,
  DiscoveredResource,
  DiscoveryContext,
  ResourceDiscoverer,
} from '@backstage-aws-access/plugin-aws-access-node';
import { resourceTypeNames } from './resourceTypeNames';
import { withTaggingApiTags } from './util';

/** What a list call tells about a resource; the region and tags come after. */
export type ListedResource = Pick<
  DiscoveredResource,
  'arn' | 'name' | 'consoleUrl'
>;

/**
 * A regional resource type whose own list call names the resources but
 * carries no tags, which come from the tagging API (one paginated call for
 * the region, see {@link withTaggingApiTags}).
 */
export interface ListedResourceType<TClient extends { destroy(): void }> {
  /** Names the entity type and the tagging filter (see resourceTypeNames). */
  cloudFormationType: string;
  /** Tagging API filters other than the type's own, e.g. a whole service's. */
  tagFilters?: string[];
  client(config: AwsClientConfig): TClient;
  /** Lists the region's resources; the client is destroyed afterwards. */
  list(client: TClient, context: DiscoveryContext): Promise<ListedResource[]>;
}

/** The discoverer of a {@link ListedResourceType}. */
export function listedResourceDiscoverer<TClient extends { destroy(): void }>(
  resourceType: ListedResourceType<TClient>,
): ResourceDiscoverer {
  const { cloudFormationType } = resourceType;
  const names = resourceTypeNames(cloudFormationType);
  if (!names) {
    throw new Error(`${cloudFormationType} is not a CloudFormation type name`);
  }
  const tagFilters = resourceType.tagFilters ?? [names.taggingFilter];
  return {
    type: names.type,
    cloudFormationType,
    scope: 'regional',
    async list(context) {
      const client = resourceType.client(
        await context.clientConfig(context.region),
      );
      let listed: ListedResource[];
      try {
        listed = await resourceType.list(client, context);
      } finally {
        client.destroy();
      }
      return withTaggingApiTags(context, tagFilters, listed);
    },
  };
}
