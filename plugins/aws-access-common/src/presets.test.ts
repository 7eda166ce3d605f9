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

import {
  ACTION_PRESET_LABELS,
  CURATED_PRESET_RESOURCE_TYPES,
  curatedPreset,
  presetActions,
  presetResourceType,
} from './presets';
import { GRANT_LIMITS } from './constants';
import type { ActionInfo } from './types';

describe('presetResourceType', () => {
  it.each([
    ['arn:aws:s3:::demo-reports', 's3:bucket'],
    ['arn:aws:s3:::demo-reports/prefix/key', undefined],
    ['arn:aws:dynamodb:us-east-1:123456789012:table/ledger', 'dynamodb:table'],
    ['arn:aws:sqs:us-east-1:123456789012:jobs', 'sqs:queue'],
    ['arn:aws:sns:us-east-1:123456789012:events', 'sns:topic'],
    [
      'arn:aws:lambda:us-east-1:123456789012:function:render',
      'lambda:function',
    ],
    ['arn:aws:ec2:us-east-1:123456789012:instance/i-0abc', 'ec2:instance'],
    ['arn:aws:rds:us-east-1:123456789012:db:orders', 'rds:db'],
    ['arn:aws:kms:us-east-1:123456789012:key/1234', 'kms:key'],
    ['arn:aws:ecr:us-east-1:123456789012:repository/app', undefined],
  ])('%s is %s', (arn, type) => {
    expect(presetResourceType(arn)).toBe(type);
  });
});

describe('presetActions', () => {
  const offered = (names: string[], accessLevel: ActionInfo['accessLevel']) =>
    names.map(action => ({ action, accessLevel, description: '' }));

  it('keeps to what the resource offers', () => {
    const actions = offered(['s3:GetObject', 's3:PutObject'], 'Read');
    expect(presetActions('read', 'arn:aws:s3:::b', actions)).toEqual([
      's3:GetObject',
    ]);
    expect(presetActions('read-write', 'arn:aws:s3:::b', actions)).toEqual([
      's3:GetObject',
      's3:PutObject',
    ]);
  });

  it('offers Read for other resources only within the cap, and never Read-write', () => {
    const arn = 'arn:aws:ecr:us-east-1:123456789012:repository/app';
    const few = [
      ...offered(['ecr:BatchGetImage'], 'Read'),
      ...offered(['ecr:PutImage'], 'Write'),
    ];
    expect(presetActions('read', arn, few)).toEqual(['ecr:BatchGetImage']);
    expect(presetActions('read-write', arn, few)).toBeUndefined();
    const many = offered(
      Array.from(
        { length: GRANT_LIMITS.maxActions + 1 },
        (_, i) => `ecr:Get${i}`,
      ),
      'Read',
    );
    expect(presetActions('read', arn, many)).toBeUndefined();
  });

  it('has a label for each preset', () => {
    expect(Object.keys(ACTION_PRESET_LABELS)).toEqual(['read', 'read-write']);
  });
});

describe.each(CURATED_PRESET_RESOURCE_TYPES)('curated presets of %s', type => {
  const read = curatedPreset(type, 'read')!;
  const readWrite = curatedPreset(type, 'read-write')!;

  it('fit the action cap', () => {
    expect(read.length).toBeGreaterThan(0);
    expect(readWrite.length).toBeLessThanOrEqual(GRANT_LIMITS.maxActions);
  });

  it('Read-write is Read plus content writes', () => {
    expect(readWrite.slice(0, read.length)).toEqual(read);
    expect(readWrite.length).toBeGreaterThan(read.length);
  });

  it('never create or delete the resource, nor change its policies, configuration or replication', () => {
    // Reads never change anything (IAM's levels are checked in the backend).
    for (const action of read) {
      expect(action.split(':')[1]).toMatch(
        /^(Get|List|Describe|Query|Scan|BatchGet|ConditionCheck|PartiQLSelect|Receive|Download)/,
      );
    }
    for (const action of readWrite.filter(a => !read.includes(a))) {
      expect(action.split(':')[1]).not.toMatch(
        /^(Create|Delete.*(Bucket|Table|Queue|Topic|Function|DBInstance|Alias)$|Put.*Policy|Set.*Attributes|Update(Table|Function)|Modify|Terminate|Purge|Schedule|Disable|Enable|Tag|Untag)|Configuration|Replicat|Lifecycle|Encryption|Acl|Policy/,
      );
    }
  });
});
