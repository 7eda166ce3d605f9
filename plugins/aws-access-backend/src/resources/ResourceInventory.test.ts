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

import { isUnder } from './ResourceInventory';

describe('trusted provider locations', () => {
  it.each([
    [
      'aws-access:aws-access-resources',
      'aws-access:aws-access-resources',
      true,
    ],
    [
      'url:https://github.com/org/infra/aws.yaml',
      'url:https://github.com/org/infra',
      true,
    ],
    [
      'url:https://github.com/org/infra/aws.yaml',
      'url:https://github.com/org/infra/',
      true,
    ],
    // A look-alike next to a trusted prefix is not under it.
    [
      'url:https://github.com/org/infra-evil/aws.yaml',
      'url:https://github.com/org/infra',
      false,
    ],
    [
      'aws-access:aws-access-resources-evil',
      'aws-access:aws-access-resources',
      false,
    ],
    ['aws-access:aws-access-grants', 'aws-access:aws-access-resources', false],
  ])('%s is under %s: %s', (location, prefix, expected) => {
    expect(isUnder(location, prefix)).toBe(expected);
  });
});
