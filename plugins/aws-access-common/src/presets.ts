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

import { parseArn } from './arn';
import { GRANT_LIMITS } from './constants';
import type { ActionInfo } from './types';

/**
 * The two presets the action picker offers.
 *
 * @public
 */
export type ActionPresetId = 'read' | 'read-write';

/**
 * What a preset means, as shown beside its button.
 *
 * @public
 */
export const ACTION_PRESET_LABELS: Record<
  ActionPresetId,
  { label: string; summary: string }
> = {
  read: {
    label: 'Read',
    summary: 'read and list the data (objects, items, messages)',
  },
  'read-write': {
    label: 'Read-write',
    summary:
      'read, plus write and delete the data; never the resource itself or its configuration',
  },
};

/**
 * Presets curated per resource type (`service:type`, as on a grant).
 * "Read" is the data plane's reads and lists; "Read-write" adds writes on
 * the content (objects, items, messages, invocations, runs). Neither
 * creates or deletes the resource itself, nor touches its policies,
 * configuration, replication, encryption or lifecycle: those are picked by
 * hand, one action at a time, and go through approval as Write or
 * Permissions management.
 */
const CURATED: Record<string, { read: string[]; write: string[] }> = {
  's3:bucket': {
    read: [
      's3:ListBucket',
      's3:ListBucketVersions',
      's3:ListBucketMultipartUploads',
      's3:ListMultipartUploadParts',
      's3:GetBucketLocation',
      's3:GetObject',
      's3:GetObjectVersion',
      's3:GetObjectAttributes',
      's3:GetObjectVersionAttributes',
      's3:GetObjectTagging',
    ],
    write: [
      's3:PutObject',
      's3:DeleteObject',
      's3:DeleteObjectVersion',
      's3:AbortMultipartUpload',
      's3:RestoreObject',
    ],
  },
  'dynamodb:table': {
    read: [
      'dynamodb:DescribeTable',
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:ConditionCheckItem',
      'dynamodb:PartiQLSelect',
    ],
    write: [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:PartiQLInsert',
      'dynamodb:PartiQLUpdate',
      'dynamodb:PartiQLDelete',
    ],
  },
  'sqs:queue': {
    read: [
      'sqs:GetQueueUrl',
      'sqs:GetQueueAttributes',
      'sqs:ReceiveMessage',
      'sqs:ListDeadLetterSourceQueues',
    ],
    write: [
      'sqs:SendMessage',
      'sqs:DeleteMessage',
      'sqs:ChangeMessageVisibility',
    ],
  },
  'sns:topic': {
    read: ['sns:GetTopicAttributes', 'sns:ListSubscriptionsByTopic'],
    write: ['sns:Publish'],
  },
  'lambda:function': {
    read: [
      'lambda:GetFunction',
      'lambda:GetFunctionConfiguration',
      'lambda:GetAlias',
      'lambda:ListAliases',
      'lambda:ListVersionsByFunction',
    ],
    write: ['lambda:InvokeFunction', 'lambda:InvokeFunctionUrl'],
  },
  'ec2:instance': {
    read: ['ec2:DescribeInstanceAttribute', 'ec2:GetConsoleOutput'],
    write: ['ec2:StartInstances', 'ec2:StopInstances', 'ec2:RebootInstances'],
  },
  'rds:db': {
    read: [
      'rds:DescribeDBInstances',
      'rds:DescribeDBLogFiles',
      'rds:DownloadDBLogFilePortion',
      'rds:DownloadCompleteDBLogFile',
    ],
    write: [
      'rds:StartDBInstance',
      'rds:StopDBInstance',
      'rds:RebootDBInstance',
    ],
  },
  'kms:key': {
    read: ['kms:DescribeKey', 'kms:GetPublicKey', 'kms:GetKeyRotationStatus'],
    write: [
      'kms:Encrypt',
      'kms:Decrypt',
      'kms:ReEncryptFrom',
      'kms:ReEncryptTo',
      'kms:GenerateDataKey',
      'kms:GenerateDataKeyWithoutPlaintext',
      'kms:Sign',
      'kms:Verify',
      'kms:GenerateMac',
      'kms:VerifyMac',
    ],
  },
};

/**
 * The resource types with curated presets.
 *
 * @public
 */
export const CURATED_PRESET_RESOURCE_TYPES = Object.keys(CURATED);

const RESOURCE_TYPE_PATTERNS: Array<[string, RegExp]> = [
  ['s3:bucket', /^[^/]+$/],
  ['dynamodb:table', /^table\/[^/]+$/],
  ['sqs:queue', /^[^/:]+$/],
  ['sns:topic', /^[^/:]+$/],
  ['lambda:function', /^function:[^:]+$/],
  ['ec2:instance', /^instance\/[^/]+$/],
  ['rds:db', /^db:[^:]+$/],
  ['kms:key', /^key\/[^/]+$/],
];

/**
 * The curated resource type of an ARN (`s3:bucket`, `dynamodb:table`, ...),
 * or undefined for any other resource.
 *
 * @public
 */
export function presetResourceType(resourceArn: string): string | undefined {
  const arn = parseArn(resourceArn);
  if (!arn) {
    return undefined;
  }
  const match = RESOURCE_TYPE_PATTERNS.find(
    ([type, pattern]) =>
      type.startsWith(`${arn.service}:`) && pattern.test(arn.resource),
  );
  return match?.[0];
}

/**
 * The actions a preset selects on a resource, limited to those the
 * resource offers (`available`, from `GET /actions`). For a resource type
 * without curated presets, "Read" is every List and Read action when they
 * fit the cap, and "Read-write" is not offered: which writes touch only
 * the content cannot be told from the access level. Returns undefined
 * when the preset is not offered.
 *
 * @public
 */
export function presetActions(
  preset: ActionPresetId,
  resourceArn: string,
  available: ActionInfo[],
): string[] | undefined {
  const offered = new Map(available.map(a => [a.action.toLowerCase(), a]));
  const type = presetResourceType(resourceArn);
  let chosen: string[];
  if (type) {
    const curated = CURATED[type];
    chosen = (
      preset === 'read' ? curated.read : [...curated.read, ...curated.write]
    )
      .map(action => offered.get(action.toLowerCase())?.action)
      .filter((action): action is string => !!action);
  } else if (preset === 'read') {
    chosen = available
      .filter(a => a.accessLevel === 'List' || a.accessLevel === 'Read')
      .map(a => a.action);
  } else {
    return undefined;
  }
  if (chosen.length === 0 || chosen.length > GRANT_LIMITS.maxActions) {
    return undefined;
  }
  return chosen;
}

/**
 * The curated preset of a resource type, as listed above (for tests and docs).
 *
 * @public
 */
export function curatedPreset(
  resourceType: string,
  preset: ActionPresetId,
): string[] | undefined {
  const curated = CURATED[resourceType];
  if (!curated) {
    return undefined;
  }
  return preset === 'read' ? curated.read : [...curated.read, ...curated.write];
}
