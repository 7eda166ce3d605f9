export { applyGrantFilterToKnex } from './applyGrantFilterToKnex';
export { createGrantConditionalDecision, grantConditions } from './conditions';
export {
  createGrantPermissionEvaluators,
  registerGrantPermissions,
} from './registerGrantPermissions';
export { GRANT_FILTER_COLUMNS, grantPermissionResourceRef } from './resource';
export type { AwsAccessGrantResource, GrantFilter } from './resource';
export {
  grantPermissionRules,
  hasState,
  isApprover,
  isRequester,
  isResourceOwner,
} from './rules';
export {
  awsAccessPolicyDecision,
  isAwsAccessPermission,
} from './defaultPolicy';
