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
  DiscoveredResource,
  ResourceDiscoverer,
} from '@backstage-aws-access/plugin-aws-access-node';
import { resourceTypeNames } from './resourceTypeNames';

/**
 * A discoverer for any taggable type, named by its CloudFormation type
 * (`awsAccess.catalog.additionalResourceTypes`), through the Resource Groups
 * Tagging API alone: one paginated call per region. That API knows only
 * resources that carry at least one tag, so untagged ones of these types are
 * not discovered; the built-in types have no such gap.
 */
export function createTaggedResourceDiscoverer(
  cloudFormationType: string,
): ResourceDiscoverer {
  const names = resourceTypeNames(cloudFormationType);
  if (!names) {
    throw new Error(
      `awsAccess.catalog.additionalResourceTypes: '${cloudFormationType}' is not a CloudFormation type name like AWS::ECS::Cluster`,
    );
  }
  const { type, taggingFilter } = names;
  return {
    type,
    cloudFormationType,
    scope: 'regional',
    async list({ region, tagsByArn }) {
      const tagged = await tagsByArn(region, [taggingFilter]);
      return [...tagged].map(
        ([arn, tags]): DiscoveredResource => ({
          arn,
          name: tags.Name || arn.split(/[:/]/).pop() || arn,
          region,
          tags,
          consoleUrl: `https://console.aws.amazon.com/go/view?arn=${encodeURIComponent(
            arn,
          )}`,
        }),
      );
    },
  };
}
