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

import { discoverersFor } from './index';

describe('discoverersFor', () => {
  it('discovers every built-in type when none is chosen', () => {
    const types = discoverersFor({ additionalResourceTypes: [] }).map(
      d => d.cloudFormationType,
    );
    expect(types).toEqual(
      expect.arrayContaining(['AWS::S3::Bucket', 'AWS::EC2::Instance']),
    );
    expect(types).toHaveLength(8);
  });

  it('discovers only the chosen built-in types, plus the additional ones', () => {
    expect(
      discoverersFor({
        resourceTypes: ['AWS::S3::Bucket'],
        additionalResourceTypes: ['AWS::EC2::Volume', 'AWS::S3::Bucket'],
      }).map(d => d.cloudFormationType),
    ).toEqual(['AWS::S3::Bucket', 'AWS::EC2::Volume']);
  });

  it('refuses a built-in type listed as additional but left out of resourceTypes', () => {
    expect(() =>
      discoverersFor({
        resourceTypes: ['AWS::S3::Bucket'],
        additionalResourceTypes: ['AWS::EC2::Instance'],
      }),
    ).toThrow(
      /awsAccess\.catalog\.additionalResourceTypes: AWS::EC2::Instance is a built-in type/,
    );
  });

  it('refuses a type that is not built in, naming the setting', () => {
    expect(() =>
      discoverersFor({
        resourceTypes: ['AWS::S3::Buckets'],
        additionalResourceTypes: [],
      }),
    ).toThrow(
      /awsAccess\.catalog\.resourceTypes: AWS::S3::Buckets is not a built-in type/,
    );
  });
});
