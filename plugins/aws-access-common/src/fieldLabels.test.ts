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

import { duplicateGrantError, duplicateGrantIdOf } from './duplicateGrant';
import { humanizeApiMessage } from './fieldLabels';

describe('humanizeApiMessage', () => {
  it('speaks of fields and people as the form names them', () => {
    expect(humanizeApiMessage('durationMinutes must be at most 720')).toBe(
      'Duration must be at most 720 minutes',
    );
    // Already in people's words: left as it is.
    expect(humanizeApiMessage('Duration must be at most 720 minutes')).toBe(
      'Duration must be at most 720 minutes',
    );
    expect(humanizeApiMessage('durationMinutes must be at least 1')).toBe(
      'Duration must be at least 1 minute',
    );
    expect(
      humanizeApiMessage('reason: must not contain invisible characters'),
    ).toBe('Reason must not contain invisible characters');
    expect(humanizeApiMessage('approved by group:default/team-data')).toBe(
      'approved by team-data',
    );
  });
});

describe('duplicateGrantIdOf', () => {
  it('finds the existing grant in the error and in its serialized body', () => {
    const error = duplicateGrantError('you already have this access', 'g-1');
    expect(error.name).toBe('ConflictError');
    expect(duplicateGrantIdOf(error)).toBe('g-1');
    expect(
      duplicateGrantIdOf({
        body: {
          error: { name: 'ConflictError', message: 'x', grantId: 'g-2' },
        },
      }),
    ).toBe('g-2');
    expect(duplicateGrantIdOf(new Error('x'))).toBeUndefined();
    expect(
      duplicateGrantIdOf({
        body: { error: { name: 'InputError', grantId: 'g' } },
      }),
    ).toBeUndefined();
  });
});
