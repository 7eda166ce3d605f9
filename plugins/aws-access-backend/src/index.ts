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
 * Self-service, time-bound, least-privilege AWS IAM access for Backstage:
 * the `aws-access` backend plugin (REST API, grant engine, expiry,
 * reconciler, account onboarding).
 *
 * Install it with `backend.add(import('@backstage-aws-access/plugin-aws-access-backend'))`,
 * and its catalog and scaffolder modules from
 * `@backstage-aws-access/plugin-catalog-backend-module-aws-access` and
 * `@backstage-aws-access/plugin-scaffolder-backend-module-aws-access`.
 *
 * @packageDocumentation
 */
export { awsAccessPlugin as default } from './plugin';

// For permission policies: conditions on grants (IS_REQUESTER, IS_RESOURCE_OWNER, HAS_STATE).
export {
  awsAccessPolicyDecision,
  createGrantConditionalDecision,
  grantConditions,
  isAwsAccessPermission,
} from './permissions';
export type { AwsAccessGrantResource, GrantFilter } from './permissions';
export { GRANT_FILTER_COLUMNS } from './permissions';
