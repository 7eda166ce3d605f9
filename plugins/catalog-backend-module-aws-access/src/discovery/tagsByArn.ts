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
  ResourceGroupsTaggingAPIClient,
  paginateGetResources,
} from '@aws-sdk/client-resource-groups-tagging-api';
import type { AwsClientConfig } from '@backstage-aws-access/plugin-aws-access-node';
import type { ResourceTags } from '@backstage-aws-access/plugin-aws-access-node';
import { tagsFromList } from './util';

/**
 * Tags of every tagged resource of the given types in one region, 100 a
 * page. Untagged resources are absent from the answer (the API only knows
 * tagged ones), which for us means "no tags".
 */
export async function fetchTagsByArn(
  clientConfig: AwsClientConfig,
  resourceTypeFilters: string[],
): Promise<Map<string, ResourceTags>> {
  const client = new ResourceGroupsTaggingAPIClient(clientConfig);
  const tags = new Map<string, ResourceTags>();
  try {
    for await (const page of paginateGetResources(
      { client },
      { ResourceTypeFilters: resourceTypeFilters, ResourcesPerPage: 100 },
    )) {
      for (const mapping of page.ResourceTagMappingList ?? []) {
        if (mapping.ResourceARN) {
          tags.set(mapping.ResourceARN, tagsFromList(mapping.Tags));
        }
      }
    }
  } finally {
    client.destroy();
  }
  return tags;
}
