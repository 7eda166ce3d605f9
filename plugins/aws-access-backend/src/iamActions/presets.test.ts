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
  CURATED_PRESET_RESOURCE_TYPES,
  curatedPreset,
  GRANT_LIMITS,
  presetActions,
} from '@backstage-aws-access/plugin-aws-access-common';
import { IamDataActionCatalog } from './IamDataActionCatalog';

/** One ARN per curated resource type, as the catalog discovers them. */
const ARNS: Record<string, string> = {
  's3:bucket': 'arn:aws:s3:::demo-reports',
  'dynamodb:table': 'arn:aws:dynamodb:us-east-1:123456789012:table/ledger',
  'sqs:queue': 'arn:aws:sqs:us-east-1:123456789012:jobs',
  'sns:topic': 'arn:aws:sns:us-east-1:123456789012:events',
  'lambda:function': 'arn:aws:lambda:us-east-1:123456789012:function:renderer',
  'ec2:instance': 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc',
  'rds:db': 'arn:aws:rds:us-east-1:123456789012:db:orders',
  'kms:key':
    'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
};

/**
 * The presets of every curated resource type, held against the IAM service
 * authorization reference: each action exists for that resource, Read is
 * only List and Read, the writes never change the resource's own
 * configuration or permissions, and both fit the cap.
 */
describe.each(CURATED_PRESET_RESOURCE_TYPES)('presets of %s', type => {
  let catalog: IamDataActionCatalog;
  beforeAll(async () => {
    catalog = await IamDataActionCatalog.create();
  });

  it('has an ARN in this test', () => {
    expect(ARNS[type]).toBeDefined();
    expect(catalog.resolveResource(ARNS[type]).resourceType).toBe(type);
  });

  it('are actions IAM knows for this resource, at the right access levels, within the cap', () => {
    const arn = ARNS[type];
    const offered = catalog.listActions(arn);
    const levels = new Map(offered.map(a => [a.action, a.accessLevel]));
    const read = presetActions('read', arn, offered)!;
    const readWrite = presetActions('read-write', arn, offered)!;
    // Every curated action applies to this resource: nothing was dropped.
    expect(read).toEqual(curatedPreset(type, 'read'));
    expect(readWrite).toEqual(curatedPreset(type, 'read-write'));
    expect(readWrite.length).toBeLessThanOrEqual(GRANT_LIMITS.maxActions);
    for (const action of read) {
      expect([action, levels.get(action)]).toEqual([
        action,
        expect.stringMatching(/^(List|Read)$/),
      ]);
    }
    for (const action of readWrite) {
      expect([action, levels.get(action)]).not.toEqual([
        action,
        'Permissions management',
      ]);
      expect([action, levels.get(action)]).not.toEqual([action, 'Tagging']);
    }
    // The grant can be built from the preset as it stands.
    expect(catalog.buildStatements(arn, readWrite).length).toBeGreaterThan(0);
  });
});

it('a resource type without curated presets gets Read only when it fits the cap', async () => {
  const catalog = await IamDataActionCatalog.create();
  const arn = 'arn:aws:ecr:us-east-1:123456789012:repository/app';
  const offered = catalog.listActions(arn);
  const read = presetActions('read', arn, offered);
  const readLevel = offered.filter(
    a => a.accessLevel === 'List' || a.accessLevel === 'Read',
  );
  expect(read).toEqual(
    readLevel.length <= GRANT_LIMITS.maxActions
      ? readLevel.map(a => a.action)
      : undefined,
  );
  expect(presetActions('read-write', arn, offered)).toBeUndefined();
});
