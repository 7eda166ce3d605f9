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
  accessReviewExportQuerySchema,
  listBreakGlassReviewsQuerySchema,
} from './querySchemas';
import { describeZodError, newAccountRequestSchema } from './schemas';

/** The message the API would answer with, or the parsed value. */
function parse(schema: { safeParse(value: unknown): any }, value: unknown) {
  const result = schema.safeParse(value);
  return result.success
    ? { value: result.data }
    : { error: describeZodError(result.error) };
}

describe('the query and body schemas of the admin and review routes', () => {
  it('lists pending break-glass reviews, 50 at a time, unless asked', () => {
    expect(parse(listBreakGlassReviewsQuerySchema, {})).toEqual({
      value: { state: ['pending'], limit: 50, cursor: 0 },
    });
    expect(
      parse(listBreakGlassReviewsQuerySchema, {
        state: 'flagged',
        limit: '10',
        cursor: '20',
      }),
    ).toEqual({ value: { state: ['flagged'], limit: 10, cursor: 20 } });
  });

  it('exports JSON, 200 at a time, over the period given as times', () => {
    expect(
      parse(accessReviewExportQuerySchema, {
        from: '2026-01-01',
        to: '2026-02-01T12:00:00Z',
      }),
    ).toEqual({
      value: {
        from: new Date('2026-01-01T00:00:00Z'),
        to: new Date('2026-02-01T12:00:00Z'),
        format: 'json',
        limit: 200,
      },
    });
  });

  it('checks the period only once both ends are times', () => {
    expect(
      parse(accessReviewExportQuerySchema, { from: 'soon', to: '2026-01-01' }),
    ).toEqual({ error: 'from must be an ISO-8601 time' });
    expect(
      parse(accessReviewExportQuerySchema, {
        from: '2026-01-02',
        to: '2026-01-01',
      }),
    ).toEqual({ error: 'to must be later than from' });
    expect(
      parse(accessReviewExportQuerySchema, {
        from: '2025-01-01',
        to: '2026-02-06',
      }),
    ).toEqual({
      error: 'to: the period may be at most 400 days; export it in parts',
    });
  });

  it('takes a new account by its trimmed id, the name and region left optional', () => {
    expect(
      parse(newAccountRequestSchema, {
        accountId: ' 123456789012 ',
        region: '',
      }),
    ).toEqual({ value: { accountId: '123456789012', region: '' } });
    expect(
      parse(newAccountRequestSchema, {
        accountId: '123456789012',
        region: 'eu-central-1',
      }),
    ).toEqual({ value: { accountId: '123456789012', region: 'eu-central-1' } });
  });
});
