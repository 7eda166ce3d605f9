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

import { tagsToLabels, tagToEntityRef } from './resourceEntity';

describe('tagsToLabels', () => {
  it('keeps the tags the catalog accepts as labels, so rules and filters can use them', () => {
    expect(
      tagsToLabels({
        owner: 'team-payments',
        'data-classification': 'restricted',
        'cost center': 'R&D 42',
        'aws:cloudformation:stack-name': 'prod',
        note: 'x'.repeat(64),
      }),
    ).toEqual({ owner: 'team-payments', 'data-classification': 'restricted' });
  });

  it('gives no labels for an untagged resource', () => {
    expect(tagsToLabels({})).toBeUndefined();
  });
});

describe('tagToEntityRef', () => {
  it('reads a bare tag value as an entity of the default kind', () => {
    expect(tagToEntityRef('team-a', 'group')).toBe('group:default/team-a');
    expect(tagToEntityRef('user:jane', 'group')).toBe('user:default/jane');
  });

  it('gives the lower-case ref the inventory compares owners in', () => {
    expect(tagToEntityRef(' Group:Payments/Team-A ', 'group')).toBe(
      'group:payments/team-a',
    );
  });

  it('ignores values the catalog would refuse', () => {
    expect(tagToEntityRef('Team A!', 'group')).toBeUndefined();
  });
});
