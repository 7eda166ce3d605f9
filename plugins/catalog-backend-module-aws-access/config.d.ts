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

import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** The aws-access plugins; the accounts are declared by the aws-access backend. */
  awsAccess?: {
    /** Catalog discovery of AWS resources (the catalog module). */
    catalog?: {
      /** Turn resource discovery off. Default true when accounts are configured. */
      enabled?: boolean;
      /** Tag whose value names the owner entity. Default `owner`. */
      ownerTag?: string;
      /** Owner when the tag is absent. Default `group:default/unowned`. */
      defaultOwner?: string;
      /** Tag whose value names the system entity. Default `system`. */
      systemTag?: string;
      /**
       * The built-in resource types to discover, by CloudFormation type name
       * (`AWS::S3::Bucket`, `AWS::EC2::Instance`, `AWS::DynamoDB::Table`,
       * `AWS::Lambda::Function`, `AWS::SQS::Queue`, `AWS::SNS::Topic`,
       * `AWS::RDS::DBInstance`, `AWS::KMS::Key`). Default: all of them. Types
       * left out cost no AWS call and need no reader permission.
       */
      resourceTypes?: string[];
      /** Further resource types, by CloudFormation type name, found through the Resource Groups Tagging API. */
      additionalResourceTypes?: string[];
      /** Discovery schedule. Default every 30 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Full refresh of the grant entities, behind the grant events that update
       * them at once. Default every minute.
       */
      grantRefreshSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * One catalog entity per active grant (who, which actions on which
       * resource, until when; never the reason). Every signed-in user can read
       * the catalog and search, so turn this off where even that much about
       * who holds access is private. Default true.
       */
      grantEntities?: {
        enabled?: boolean;
      };
    };
  };
}
