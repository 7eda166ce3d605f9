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

import type { Tag as TaggingTag } from '@aws-sdk/client-resource-groups-tagging-api';
import type {
  DiscoveredResource,
  DiscoveryContext,
  ResourceTags,
} from '@backstage-aws-access/plugin-aws-access-node';

/** The ARN partition of a region (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The ARN of a resource in one account and region, e.g. `table/orders`. */
export function regionalArn(
  where: { accountId: string; region: string },
  service: string,
  resource: string,
): string {
  const { accountId, region } = where;
  return `arn:${partitionOf(
    region,
  )}:${service}:${region}:${accountId}:${resource}`;
}

/**
 * A resource's page in the console of its region: `page` is the service's
 * console page, `fragment` what the console routes on after the `#`.
 */
export function consoleUrl(
  region: string,
  page: string,
  fragment: string,
): string {
  return `https://${consoleHost(region)}/${page}?region=${region}#${fragment}`;
}

/** The console host of a region, e.g. `us-east-1.console.aws.amazon.com`. */
export function consoleHost(region: string): string {
  switch (partitionOf(region)) {
    case 'aws-cn':
      return 'console.amazonaws.cn';
    case 'aws-us-gov':
      return 'console.amazonaws-us-gov.com';
    default:
      return `${region}.console.aws.amazon.com`;
  }
}

/** Turns the SDKs' `[{ Key, Value }]` tag lists into a plain object. */
export function tagsFromList(
  list: ReadonlyArray<Partial<TaggingTag>> | undefined,
): ResourceTags {
  const tags: ResourceTags = {};
  for (const { Key, Value } of list ?? []) {
    if (Key !== undefined) tags[Key] = Value ?? '';
  }
  return tags;
}

/** Everything `pick` takes from each of `pages`. */
export async function collectPages<P, T>(
  pages: AsyncIterable<P>,
  pick: (page: P) => Iterable<T>,
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) {
    items.push(...pick(page));
  }
  return items;
}

/**
 * Adds the region and, from the tagging API, the tags to resources whose
 * list call does not carry them: one paginated call for the region, none
 * when nothing was found.
 */
export async function withTaggingApiTags(
  { region, tagsByArn }: DiscoveryContext,
  resourceTypeFilters: string[],
  resources: Array<Pick<DiscoveredResource, 'arn' | 'name' | 'consoleUrl'>>,
): Promise<DiscoveredResource[]> {
  const tags = resources.length
    ? await tagsByArn(region, resourceTypeFilters)
    : new Map<string, ResourceTags>();
  return resources.map(resource => ({
    ...resource,
    region,
    tags: tags.get(resource.arn) ?? {},
  }));
}
