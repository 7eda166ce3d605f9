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

import type { AwsClientConfig } from '../aws/types';

/**
 * Tags of one resource, key to value.
 *
 * @public
 */
export type ResourceTags = Record<string, string>;

/**
 * One resource as a discoverer found it, before it becomes an entity.
 *
 * @public
 */
export interface DiscoveredResource {
  arn: string;
  /** The resource's real name, shown as the entity title. */
  name: string;
  region: string;
  tags: ResourceTags;
  /** Where the resource opens in the AWS console. */
  consoleUrl: string;
}

/**
 * What a discoverer may use while listing one account.
 *
 * @public
 */
export interface DiscoveryContext {
  accountId: string;
  /** The region to list, for regional types. */
  region: string;
  /**
   * The account's configured regions. Global types (S3) are listed once per
   * account and keep only resources that live in one of these.
   */
  regions: string[];
  /** SDK client config with the account's read credentials. */
  clientConfig(region: string): Promise<AwsClientConfig>;
  /**
   * Tags of every tagged resource of these types in a region, through the
   * Resource Groups Tagging API: 100 resources a call instead of one call
   * per resource.
   */
  tagsByArn(
    region: string,
    resourceTypeFilters: string[],
  ): Promise<Map<string, ResourceTags>>;
}

/**
 * Finds the resources of one AWS resource type.
 *
 * @public
 */
export interface ResourceDiscoverer {
  /** `spec.type` of the entities, e.g. `s3-bucket`. */
  type: string;
  /** The CloudFormation type, e.g. `AWS::S3::Bucket`. */
  cloudFormationType: string;
  /** `global` types are listed once per account rather than once per region. */
  scope: 'regional' | 'global';
  list(context: DiscoveryContext): Promise<DiscoveredResource[]>;
}
