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

import awsAccessPlugin from '../alpha';
import {
  isAwsAccessGrantEntity,
  isAwsResourceEntity,
} from '../lib/entityPredicates';
import { grantEntity, resourceEntity } from '../__testUtils__';

describe('aws-access new frontend system plugin', () => {
  it('provides the tabs, card, page, API and form field', () => {
    for (const id of [
      'api:aws-access',
      'page:aws-access',
      'sub-page:aws-access/grants',
      'sub-page:aws-access/accounts',
      'entity-content:aws-access/request',
      'entity-content:aws-access/grants',
      'entity-content:aws-access/expiry',
      'entity-content:aws-access/grant',
      'entity-card:aws-access/aws-access',
      'scaffolder-form-field:aws-access/aws-actions-picker',
    ]) {
      expect(awsAccessPlugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('tells AWS resources from grant entities', () => {
    expect(isAwsResourceEntity(resourceEntity)).toBe(true);
    expect(isAwsAccessGrantEntity(resourceEntity)).toBe(false);
    expect(isAwsResourceEntity(grantEntity)).toBe(false);
    expect(isAwsAccessGrantEntity(grantEntity)).toBe(true);
    expect(
      isAwsResourceEntity({ ...resourceEntity, metadata: { name: 'x' } }),
    ).toBe(false);
  });
});
