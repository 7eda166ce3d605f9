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

import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_ARN,
  ANNOTATION_GRANT_ID,
  GRANT_ENTITY_TYPE,
} from '@backstage-aws-access/plugin-aws-access-common';

/**
 * True for catalog entities that stand for a grant
 * (`spec.type: aws-access-grant`). They carry the role's ARN in `aws-access/role-arn`;
 * grant entities catalogued before that change carried it in
 * `aws.amazon.com/arn`, so they are still told apart from resources here.
 *
 * @public
 */
export function isAwsAccessGrantEntity(entity: Entity): boolean {
  return (
    entity.spec?.type === GRANT_ENTITY_TYPE ||
    Boolean(entity.metadata.annotations?.[ANNOTATION_GRANT_ID])
  );
}

/**
 * True for AWS resources one can request access to: entities with the
 * `aws.amazon.com/arn` annotation that are not themselves grants.
 *
 * @public
 */
export function isAwsResourceEntity(entity: Entity): boolean {
  return (
    Boolean(entity.metadata.annotations?.[ANNOTATION_AWS_ARN]) &&
    !isAwsAccessGrantEntity(entity)
  );
}

/** The resource ARN of an entity, if it has one. */
export function getResourceArn(entity: Entity): string | undefined {
  return entity.metadata.annotations?.[ANNOTATION_AWS_ARN] || undefined;
}

/**
 * The account id of an entity, when annotated with a well-formed one. S3
 * bucket ARNs carry no account, so the request says it outright.
 */
export function getAccountId(entity: Entity): string | undefined {
  const accountId = entity.metadata.annotations?.[ANNOTATION_AWS_ACCOUNT_ID];
  return accountId && /^\d{12}$/.test(accountId) ? accountId : undefined;
}
