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

import { dynamodbTableDiscoverer } from './dynamodbTables';
import { ec2InstanceDiscoverer } from './ec2Instances';
import { kmsKeyDiscoverer } from './kmsKeys';
import { lambdaFunctionDiscoverer } from './lambdaFunctions';
import { rdsDbInstanceDiscoverer } from './rdsDbInstances';
import { s3BucketDiscoverer } from './s3Buckets';
import { snsTopicDiscoverer } from './snsTopics';
import { sqsQueueDiscoverer } from './sqsQueues';
import { createTaggedResourceDiscoverer } from './taggedResources';
import type { ResourceDiscoverer } from '@backstage-aws-access/plugin-aws-access-node';

export type {
  DiscoveredResource,
  DiscoveryContext,
  ResourceDiscoverer,
  ResourceTags,
} from '@backstage-aws-access/plugin-aws-access-node';
export { createTaggedResourceDiscoverer } from './taggedResources';
export { fetchTagsByArn } from './tagsByArn';

/** The resource types discovered without any configuration. */
export const builtInDiscoverers: readonly ResourceDiscoverer[] = [
  s3BucketDiscoverer,
  ec2InstanceDiscoverer,
  dynamodbTableDiscoverer,
  lambdaFunctionDiscoverer,
  sqsQueueDiscoverer,
  snsTopicDiscoverer,
  rdsDbInstanceDiscoverer,
  kmsKeyDiscoverer,
];

/** Built-in discoverers plus one per configured additional type, without duplicates. */
export function discoverersFor(
  additionalResourceTypes: readonly string[],
): ResourceDiscoverer[] {
  const builtIn = new Set(builtInDiscoverers.map(d => d.cloudFormationType));
  const extra = [...new Set(additionalResourceTypes)]
    .filter(type => !builtIn.has(type))
    .map(createTaggedResourceDiscoverer);
  return [...builtInDiscoverers, ...extra];
}
