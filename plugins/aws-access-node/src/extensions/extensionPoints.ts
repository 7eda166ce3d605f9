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

import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { AwsAccessApprovalPolicy } from '../approval/types';
import type { ResourceDiscoverer } from '../discovery/types';
import type { AwsPrincipalSource } from '../principals/types';
import type { GrantProvisioner } from '../provisioning/types';

/**
 * Replaces the IAM provisioner of the `aws-access` plugin (the default
 * creates one IAM role per grant through each account's manager role).
 *
 * @public
 */
export interface AwsAccessProvisionerExtensionPoint {
  setProvisioner(provisioner: GrantProvisioner): void;
}

/** @public */
export const awsAccessProvisionerExtensionPoint =
  createExtensionPoint<AwsAccessProvisionerExtensionPoint>({
    id: 'aws-access.provisioner',
  });

/**
 * Replaces who must approve a request and whose approval counts (the
 * default reads `awsAccess.approval.rules`).
 *
 * @public
 */
export interface AwsAccessApprovalExtensionPoint {
  setApprovalPolicy(policy: AwsAccessApprovalPolicy): void;
}

/** @public */
export const awsAccessApprovalExtensionPoint =
  createExtensionPoint<AwsAccessApprovalExtensionPoint>({
    id: 'aws-access.approval',
  });

/**
 * Replaces where a user's AWS principals come from (the default reads the
 * `aws.amazon.com/principal-arn` annotation of the user entity).
 *
 * @public
 */
export interface AwsAccessPrincipalsExtensionPoint {
  setPrincipalSource(source: AwsPrincipalSource): void;
}

/** @public */
export const awsAccessPrincipalsExtensionPoint =
  createExtensionPoint<AwsAccessPrincipalsExtensionPoint>({
    id: 'aws-access.principals',
  });

/**
 * Adds resource types to the catalog module's AWS discovery, next to the
 * built-in ones (S3, EC2, DynamoDB, Lambda, SQS, SNS, RDS, KMS) and those
 * of `awsAccess.catalog.additionalResourceTypes`.
 *
 * @public
 */
export interface AwsAccessResourceDiscoveryExtensionPoint {
  addResourceDiscoverer(...discoverers: ResourceDiscoverer[]): void;
}

/** @public */
export const awsAccessResourceDiscoveryExtensionPoint =
  createExtensionPoint<AwsAccessResourceDiscoveryExtensionPoint>({
    id: 'aws-access.resource-discovery',
  });
