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

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_ARN,
} from '@backstage-aws-access/plugin-aws-access-common';

/** The AWS resource a catalog entity stands for. */
export interface AwsResourceOfEntity {
  resourceArn: string;
  /** From `aws.amazon.com/account-id`; needed for ARNs without one (S3). */
  accountId?: string;
}

/**
 * Looks up an AWS resource entity with the user's own credentials, so a
 * template cannot request access to a resource its user cannot see.
 */
export async function resolveAwsResource(options: {
  catalog: CatalogService;
  entityRef: string;
  credentials: BackstageCredentials;
}): Promise<AwsResourceOfEntity> {
  let ref: string;
  try {
    // EntityPicker may drop the kind when the template sets `defaultKind`.
    ref = stringifyEntityRef(
      parseEntityRef(options.entityRef, {
        defaultKind: 'resource',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(
      `entityRef: '${options.entityRef}' is not an entity reference`,
      error,
    );
  }

  const entity = await options.catalog.getEntityByRef(ref, {
    credentials: options.credentials,
  });
  if (!entity) {
    throw new NotFoundError(`entityRef: no catalog entity ${ref}`);
  }
  const annotations = entity.metadata.annotations ?? {};
  const resourceArn = annotations[ANNOTATION_AWS_ARN];
  if (!resourceArn) {
    throw new InputError(
      `entityRef: ${ref} is not an AWS resource (it has no ${ANNOTATION_AWS_ARN} annotation)`,
    );
  }
  return { resourceArn, accountId: annotations[ANNOTATION_AWS_ACCOUNT_ID] };
}

/** Where access is asked for: an ARN, or a catalog entity that names one. */
export interface ResourceTargetInput {
  resourceArn?: string;
  entityRef?: string;
  accountId?: string;
}

/**
 * The ARN and account of a target given by ARN or by catalog entity (looked
 * up as the template's user); an account given in the input wins over the
 * entity's annotation.
 */
export async function resolveResourceTarget(options: {
  target: ResourceTargetInput;
  /** Where the target sits in the input, for the error message. */
  path?: string;
  catalog: CatalogService;
  credentials: () => Promise<BackstageCredentials>;
}): Promise<{ resourceArn: string; accountId?: string }> {
  const { target, path, catalog } = options;
  if (!target.resourceArn === !target.entityRef) {
    throw new InputError(
      `Invalid input: ${
        path ? `${path}: ` : ''
      }give exactly one of resourceArn or entityRef`,
    );
  }
  const resource = target.entityRef
    ? await resolveAwsResource({
        catalog,
        entityRef: target.entityRef,
        credentials: await options.credentials(),
      })
    : { resourceArn: target.resourceArn! };
  const accountId = target.accountId ?? resource.accountId;
  return { resourceArn: resource.resourceArn, ...(accountId && { accountId }) };
}
