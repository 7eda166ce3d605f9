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
