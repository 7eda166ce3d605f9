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

/**
 * The configured built-in discoverers (all of them when `resourceTypes` is
 * absent) plus one per configured additional type, without duplicates.
 * Throws, naming the setting, on a built-in type that does not exist: a
 * typo must not silently discover nothing.
 */
export function discoverersFor(catalog: {
  resourceTypes?: readonly string[];
  additionalResourceTypes: readonly string[];
}): ResourceDiscoverer[] {
  const builtInTypes = new Set(
    builtInDiscoverers.map(d => d.cloudFormationType),
  );
  const unknown = (catalog.resourceTypes ?? []).filter(
    t => !builtInTypes.has(t),
  );
  if (unknown.length > 0) {
    throw new Error(
      `awsAccess.catalog.resourceTypes: ${unknown.join(
        ', ',
      )} is not a built-in type; built-in types are ${[...builtInTypes].join(
        ', ',
      )}; others go in awsAccess.catalog.additionalResourceTypes`,
    );
  }
  const builtIn = catalog.resourceTypes
    ? builtInDiscoverers.filter(d =>
        catalog.resourceTypes!.includes(d.cloudFormationType),
      )
    : builtInDiscoverers;
  // Listed as additional but left out of resourceTypes, a built-in type
  // would be dropped without a word.
  const leftOut = catalog.additionalResourceTypes.filter(
    t => builtInTypes.has(t) && !builtIn.some(d => d.cloudFormationType === t),
  );
  if (leftOut.length > 0) {
    throw new Error(
      `awsAccess.catalog.additionalResourceTypes: ${leftOut.join(
        ', ',
      )} is a built-in type; add it to awsAccess.catalog.resourceTypes instead`,
    );
  }
  const extra = [...new Set(catalog.additionalResourceTypes)]
    .filter(type => !builtInTypes.has(type))
    .map(createTaggedResourceDiscoverer);
  return [...builtIn, ...extra];
}
