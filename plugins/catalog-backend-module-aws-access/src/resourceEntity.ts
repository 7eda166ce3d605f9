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
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_REGION,
  ANNOTATION_AWS_RESOURCE_TYPE,
  normalizeEntityRef,
} from '@backstage-aws-access/plugin-aws-access-common';
import type { DiscoveredResource, ResourceDiscoverer } from './discovery';
import { resourceEntityName } from '@backstage-aws-access/plugin-aws-access-node';

/** How tags become ownership, from `awsAccess.catalog`. */
export interface OwnershipOptions {
  ownerTag: string;
  defaultOwner: string;
  systemTag: string;
}

/**
 * Reads a tag value as an entity ref: `team-a` means `<defaultKind>:default/team-a`,
 * `user:jane` and `group:payments/team-a` are taken as written, in the
 * lower-case form the inventory compares owners in. Values the catalog would
 * refuse (spaces, slashes in names) give `undefined`, so one badly tagged
 * resource cannot fail the whole batch.
 */
export function tagToEntityRef(
  value: string | undefined,
  defaultKind: string,
): string | undefined {
  const ref = value?.trim() && normalizeEntityRef(value.trim(), defaultKind);
  if (!ref) return undefined;
  const { kind, namespace, name } = parseEntityRef(ref);
  const valid =
    KubernetesValidatorFunctions.isValidObjectName(name) &&
    KubernetesValidatorFunctions.isValidNamespace(namespace) &&
    /^[a-z][a-z0-9]*$/.test(kind);
  return valid ? ref : undefined;
}

/**
 * AWS tags as entity labels, so the catalog can filter on them and approval
 * rules can match `resourceTags`. Tags the catalog would refuse as labels
 * (spaces, `aws:` system tags, long values) are left out, not mangled.
 */
export function tagsToLabels(
  tags: Record<string, string>,
): Record<string, string> | undefined {
  const labels = Object.fromEntries(
    Object.entries(tags).filter(
      ([key, value]) =>
        !key.startsWith('aws:') &&
        KubernetesValidatorFunctions.isValidLabelKey(key) &&
        KubernetesValidatorFunctions.isValidLabelValue(value),
    ),
  );
  return Object.keys(labels).length ? labels : undefined;
}

/** The `Resource` entity of one discovered AWS resource. */
export function toResourceEntity(
  resource: DiscoveredResource,
  discoverer: ResourceDiscoverer,
  accountId: string,
  location: string,
  options: OwnershipOptions,
): Entity {
  const system = tagToEntityRef(resource.tags[options.systemTag], 'system');
  const labels = tagsToLabels(resource.tags);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: resourceEntityName(resource.arn),
      title: resource.name,
      description: `${discoverer.cloudFormationType} in account ${accountId}, ${resource.region}`,
      ...(labels ? { labels } : {}),
      annotations: {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [ANNOTATION_AWS_ARN]: resource.arn,
        [ANNOTATION_AWS_ACCOUNT_ID]: accountId,
        [ANNOTATION_AWS_REGION]: resource.region,
        [ANNOTATION_AWS_RESOURCE_TYPE]: discoverer.cloudFormationType,
      },
      links: [
        {
          url: resource.consoleUrl,
          title: 'Open in the AWS console',
          icon: 'cloud',
        },
      ],
    },
    spec: {
      type: discoverer.type,
      owner:
        tagToEntityRef(resource.tags[options.ownerTag], 'group') ??
        options.defaultOwner,
      ...(system ? { system } : {}),
    },
  };
}
