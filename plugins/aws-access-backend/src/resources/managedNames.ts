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

import { AwsAccessConfig } from '@backstage-aws-access/plugin-aws-access-node';
import {
  GRANT_BOUNDARY_NAME,
  MANAGER_ROLE_NAME,
  READER_ROLE_NAME,
} from '../onboarding/accessRoles';
import { ManagedNames } from './managedResources';

/**
 * The parts of the access system in every account, as configured: the
 * role path, the stack's roles (and any role an account names instead),
 * and the boundary policy.
 */
export function managedNames(config: AwsAccessConfig): ManagedNames {
  const configuredRoles = config.accounts
    .flatMap(a => [a.managerRoleArn, a.readerRoleArn])
    .filter((arn): arn is string => !!arn)
    .map(arn => arn.split('/').pop()!);
  return {
    rolePath: config.rolePath,
    serviceRoleNames: [
      ...new Set([MANAGER_ROLE_NAME, READER_ROLE_NAME, ...configuredRoles]),
    ],
    policyNames: [GRANT_BOUNDARY_NAME],
  };
}
