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

import type {
  DiscoveredResource,
  ResourceDiscoverer,
} from '@backstage-aws-access/plugin-aws-access-node';

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

/**
 * A discoverer for any taggable type, named by its CloudFormation type
 * (`awsAccess.catalog.additionalResourceTypes`), through the Resource Groups
 * Tagging API alone: one paginated call per region. That API knows only
 * resources that carry at least one tag, so untagged ones of these types are
 * not discovered; the built-in types have no such gap.
 */
export function createTaggedResourceDiscoverer(
  cloudFormationType: string,
): ResourceDiscoverer {
  const match = CLOUDFORMATION_TYPE.exec(cloudFormationType);
  if (!match) {
    throw new Error(
      `awsAccess.catalog.additionalResourceTypes: '${cloudFormationType}' is not a CloudFormation type name like AWS::ECS::Cluster`,
    );
  }
  const [, service, typeName] = match;
  const filter =
    TAGGING_FILTER_OVERRIDES[cloudFormationType] ??
    `${service.toLowerCase()}:${kebab(typeName)}`;
  return {
    type: `${service.toLowerCase()}-${kebab(typeName)}`,
    cloudFormationType,
    scope: 'regional',
    async list({ region, tagsByArn }) {
      const tagged = await tagsByArn(region, [filter]);
      return [...tagged].map(
        ([arn, tags]): DiscoveredResource => ({
          arn,
          name: tags.Name || arn.split(/[:/]/).pop() || arn,
          region,
          tags,
          consoleUrl: `https://console.aws.amazon.com/go/view?arn=${encodeURIComponent(
            arn,
          )}`,
        }),
      );
    },
  };
}
