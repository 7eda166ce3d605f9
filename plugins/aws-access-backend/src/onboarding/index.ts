export {
  ACCESS_ROLES,
  MANAGER_ROLE_NAME,
  READER_ROLE_NAME,
  TAG_TEMPLATE_VERSION,
  TEMPLATE_VERSION,
  rolePolicyDocument,
} from './accessRoles';
export type { AccessRoleDefinition, PermissionRule } from './accessRoles';
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
