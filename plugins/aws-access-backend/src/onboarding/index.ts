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

export {
  ACCESS_ROLES,
  BOUNDARY_TEMPLATE_VERSION,
  GRANT_BOUNDARY,
  GRANT_BOUNDARY_NAME,
  GRANT_BOUNDARY_PATH,
  grantBoundaryArn,
  MANAGER_ROLE_NAME,
  READER_ROLE_NAME,
  TAG_TEMPLATE_VERSION,
  TEMPLATE_VERSION,
  rolePolicyDocument,
} from './accessRoles';
export type {
  AccessRoleDefinition,
  PermissionRule,
  PolicyDefinition,
} from './accessRoles';
export {
  buildCloudFormationTemplate,
  quickCreateUrl,
  renderCloudFormationTemplate,
} from './cloudFormationTemplate';
export { readOnboardingConfig } from './onboardingConfig';
export type { BackendTrust, OnboardingConfig } from './onboardingConfig';
export { renderPermissionsMarkdown } from './permissionsMarkdown';
export { AccountStatusChecker } from './AccountStatusChecker';
export type {
  AccountConnection,
  AccountStatusCheckerOptions,
} from './AccountStatusChecker';
export { createOnboardingRouter } from './createOnboardingRouter';
export type { OnboardingRouterOptions } from './createOnboardingRouter';
