/**
 * Node.js library of the aws-access plugins: the extension points and
 * service refs through which adopters (and the project's own modules)
 * replace the grant provisioner, approvals and principal resolution or add
 * resource discoverers, with the interfaces they implement; the shared
 * `awsAccess` config reader and AWS client factory.
 *
 * @packageDocumentation
 */

export * from './extensions';
export * from './aws';
export * from './config/AwsAccessConfig';
export type {
  ApprovalCheck,
  ApprovalConfig,
  ApprovalDecisionInput,
  ApprovalRequest,
  ApprovalRequirement,
  ApprovalRule,
  Approver,
  ApproverMode,
  AwsAccessApprovalPolicy,
  GrantApproval,
} from './approval/types';
export { APPROVER_MODES } from './approval/types';
export type {
  DiscoveredResource,
  DiscoveryContext,
  ResourceDiscoverer,
  ResourceTags,
} from './discovery/types';
export type {
  AwsPrincipalResolver,
  AwsPrincipalSource,
  ResolvedPrincipals,
} from './principals/types';
export type {
  GrantProvisioner,
  GrantRoleSpec,
  GrantRoleState,
  ManagedRole,
  PermissionStatement,
} from './provisioning/types';
export { grantEntityName, resourceEntityName } from './catalog/entityNames';
