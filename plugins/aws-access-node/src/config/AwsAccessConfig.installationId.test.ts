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

import { ConfigReader } from '@backstage/config';
import { readAwsAccessConfig } from './AwsAccessConfig';

const read = (config: object) =>
  readAwsAccessConfig(new ConfigReader(config)).installationId;

describe('awsAccess.installationId', () => {
  it('is what the config says', () => {
    expect(
      read({
        backend: { baseUrl: 'https://backstage.example.com' },
        awsAccess: { installationId: 'backstage-prod' },
      }),
    ).toBe('backstage-prod');
  });

  it('defaults to backend.baseUrl, so two installations differ without anyone setting it', () => {
    expect(
      read({ backend: { baseUrl: 'https://backstage.example.com/' } }),
    ).toBe('https://backstage.example.com');
    expect(
      read({ backend: { baseUrl: 'https://backstage-staging.example.com' } }),
    ).toBe('https://backstage-staging.example.com');
  });

  it('is "default" with neither set', () => {
    expect(read({})).toBe('default');
  });

  it.each(['', 'has,comma', 'x'.repeat(129), 'quote"s'])(
    'refuses %j, which would not be a valid IAM tag value',
    installationId => {
      expect(() => read({ awsAccess: { installationId } })).toThrow(
        /awsAccess.installationId/,
      );
    },
  );
});
