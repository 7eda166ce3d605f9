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

/**
 * The plugin id, used for discovery and as the REST base path segment.
 *
 * @public
 */
export const AWS_ACCESS_PLUGIN_ID = 'aws-access';

/**
 * Catalog annotations read and written by the aws-access plugins.
 *
 * @public
 */
export const ANNOTATION_AWS_ARN = 'aws.amazon.com/arn';
/** @public */
export const ANNOTATION_AWS_ACCOUNT_ID = 'aws.amazon.com/account-id';
/** @public */
export const ANNOTATION_AWS_REGION = 'aws.amazon.com/region';
/** @public */
export const ANNOTATION_AWS_RESOURCE_TYPE = 'aws.amazon.com/resource-type';
/**
 * On user entities: the AWS principal(s) that may assume that user's grant roles.
 *
 * @public
 */
export const ANNOTATION_AWS_PRINCIPAL_ARN = 'aws.amazon.com/principal-arn';
/** @public */
export const ANNOTATION_GRANT_ID = 'aws-access/grant-id';
/** @public */
export const ANNOTATION_GRANT_EXPIRES_AT = 'aws-access/expires-at';
/**
 * On a grant entity that is one part of a bundle: the bundle's id, shared
 * by the grants (one per account) requested, approved and ended together.
 *
 * @public
 */
export const ANNOTATION_GRANT_BUNDLE_ID = 'aws-access/bundle-id';
/**
 * On grant entities: the grant role's ARN. Never `aws.amazon.com/arn`, so a
 * grant role never looks like an AWS resource one could request access to.
 *
 * @public
 */
export const ANNOTATION_GRANT_ROLE_ARN = 'aws-access/role-arn';

/**
 * `spec.type` of the catalog entities that stand for active grants.
 *
 * @public
 */
export const GRANT_ENTITY_TYPE = 'aws-access-grant';

/**
 * Events service topic carrying every grant state change.
 *
 * @public
 */
export const GRANT_EVENTS_TOPIC = 'aws-access.grant';

/**
 * Signals channel the frontend listens on for grant changes.
 *
 * @public
 */
export const GRANT_SIGNAL_CHANNEL = 'aws-access:grants';

/**
 * Default IAM path of the roles the engine creates; configurable.
 *
 * @public
 */
export const DEFAULT_ROLE_PATH = '/backstage-access/';

/**
 * Tag keys the engine puts on every role it creates.
 *
 * @public
 */
export const TAG_GRANT_ID = 'backstage-access:grant-id';
/** @public */
export const TAG_REQUESTER = 'backstage-access:requester';
/** @public */
export const TAG_EXPIRES_AT = 'backstage-access:expires-at';

/**
 * Limits shared by the API and the request form, so both say the same.
 *
 * @public
 */
export const GRANT_LIMITS = {
  maxActions: 50,
  maxReasonLength: 500,
  maxCommentLength: 1000,
  defaultListLimit: 50,
  maxListLimit: 500,
  /** Most resources one bundle request may name. */
  maxBundleTargets: 20,
} as const;
