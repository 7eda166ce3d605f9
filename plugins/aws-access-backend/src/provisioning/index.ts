export { IamGrantProvisioner } from './IamGrantProvisioner';
export type { IamGrantProvisionerOptions } from './IamGrantProvisioner';
export {
  MAX_INLINE_ROLE_POLICY_CHARS,
  MAX_TRUST_POLICY_CHARS,
  renderGrantPolicies,
} from './policies';
export type { GrantPolicies } from './policies';
export { GRANT_POLICY_NAME, grantRoleName } from './naming';
export { maxSessionDurationSeconds } from './roleAttributes';
