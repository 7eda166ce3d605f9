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
import { readGrantPresentationConfig } from './grantPresentation';

describe('readGrantPresentationConfig: the propagation delay', () => {
  const read = (cli?: object) =>
    readGrantPresentationConfig(
      new ConfigReader({ awsAccess: cli ? { cli } : {} }),
      {},
    ).cli.propagationDelaySeconds;

  it('is 15 s unless configured, and takes a HumanDuration or a duration string', () => {
    expect(read()).toBe(15);
    expect(read({ propagationDelay: { seconds: 40 } })).toBe(40);
    expect(read({ propagationDelay: { minutes: 1, seconds: 30 } })).toBe(90);
    expect(read({ propagationDelay: 'PT20S' })).toBe(20);
    expect(read({ propagationDelay: { seconds: 0 } })).toBe(0);
  });

  it('refuses a value that is no duration, naming the setting', () => {
    expect(() => read({ propagationDelay: 'soon' })).toThrow(
      /propagationDelay/,
    );
    expect(() => read({ propagationDelay: { seconds: -5 } })).toThrow(
      'awsAccess.cli.propagationDelay must not be negative',
    );
  });
});
