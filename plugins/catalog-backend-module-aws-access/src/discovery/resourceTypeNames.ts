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
 * CloudFormation types whose Resource Groups Tagging API filter is not just
 * the kebab-cased type name.
 */
const TAGGING_FILTER_OVERRIDES: Record<string, string> = {
  'AWS::ElasticLoadBalancingV2::LoadBalancer':
    'elasticloadbalancing:loadbalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup':
    'elasticloadbalancing:targetgroup',
  'AWS::ElasticLoadBalancing::LoadBalancer':
    'elasticloadbalancing:loadbalancer',
  'AWS::StepFunctions::StateMachine': 'states:stateMachine',
  'AWS::ElastiCache::CacheCluster': 'elasticache:cluster',
  'AWS::RDS::DBCluster': 'rds:cluster',
  'AWS::EFS::FileSystem': 'elasticfilesystem:file-system',
  'AWS::ApiGateway::RestApi': 'apigateway:restapis',
  'AWS::CloudWatch::Alarm': 'cloudwatch:alarm',
};

const CLOUDFORMATION_TYPE = /^AWS::([A-Za-z0-9]+)::([A-Za-z0-9]+)$/;

function kebab(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** How the catalog and the tagging API name one resource type. */
export interface ResourceTypeNames {
  /** The entities' `spec.type`, e.g. `sqs-queue` for `AWS::SQS::Queue`. */
  type: string;
  /** The Resource Groups Tagging API filter, e.g. `sqs:queue`. */
  taggingFilter: string;
}

/**
 * The names of a CloudFormation type, the same for a built-in type as for one
 * configured in `awsAccess.catalog.additionalResourceTypes`, so that a type
 * keeps its entity type when it moves from one to the other. Undefined for
 * what is not a CloudFormation type name.
 */
export function resourceTypeNames(
  cloudFormationType: string,
): ResourceTypeNames | undefined {
  const match = CLOUDFORMATION_TYPE.exec(cloudFormationType);
  if (!match) {
    return undefined;
  }
  const [, service, typeName] = match;
  return {
    type: `${service.toLowerCase()}-${kebab(typeName)}`,
    taggingFilter:
      TAGGING_FILTER_OVERRIDES[cloudFormationType] ??
      `${service.toLowerCase()}:${kebab(typeName)}`,
  };
}
