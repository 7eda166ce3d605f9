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
