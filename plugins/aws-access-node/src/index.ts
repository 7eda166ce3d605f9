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
export * from './config/readPositiveInteger';
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
  GrantRoleProvisioner,
  GrantRoleRepairs,
  GrantRoleSpec,
  GrantRoleState,
  ManagedRole,
  ManagedRoleInventory,
  PermissionStatement,
} from './provisioning/types';
export { grantEntityName, resourceEntityName } from './catalog/entityNames';
