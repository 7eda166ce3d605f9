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
  createGrantRequestSchema,
  decisionRequestSchema,
  describeZodError,
  extendGrantRequestSchema,
} from './schemas';

const request = (reason: unknown) => ({
  resourceArn: 'arn:aws:s3:::bucket',
  actions: ['s3:GetObject'],
  durationMinutes: 60,
  reason,
});

function errorOf(schema: typeof createGrantRequestSchema, body: unknown) {
  const result = schema.safeParse(body);
  return result.success ? undefined : describeZodError(result.error);
}

describe('reasons and comments other people read', () => {
  it.each([
    ['spaces', '    '],
    ['tabs and newlines', '\t\n \r\n'],
    ['zero-width spaces and joiners', '\u200B\u200C\u200D\u2060'],
    ['a byte order mark and soft hyphens', '\uFEFF\u00AD\u00AD'],
    ['Hangul fillers', '\u3164\u115F'],
    ['left-to-right and right-to-left marks', '\u200E\u200F'],
  ])('refuses a reason of only %s as empty', (_, reason) => {
    expect(errorOf(createGrantRequestSchema, request(reason))).toBe(
      'reason is required',
    );
  });

  it.each([
    ['a right-to-left override', 'approved \u202Edetcejer'],
    ['a left-to-right embedding', 'a \u202Ab'],
    ['a first-strong isolate', 'x \u2068y\u2069'],
  ])('refuses %s anywhere in a reason, naming the character', (_, reason) => {
    expect(errorOf(createGrantRequestSchema, request(reason))).toMatch(
      /^reason must not contain text-direction control characters \(U\+20(2A|2E|68)\)$/,
    );
  });

  it('refuses NUL and other control characters, alone or inside text', () => {
    expect(errorOf(createGrantRequestSchema, request('\u0000'))).toBe(
      'reason must not contain control characters (U+0000)',
    );
    expect(errorOf(createGrantRequestSchema, request('fix\u001b[31m'))).toBe(
      'reason must not contain control characters (U+001B)',
    );
  });

  it('refuses floods of combining marks but keeps real scripts', () => {
    expect(
      errorOf(createGrantRequestSchema, request(`Z${'\u0336'.repeat(30)}`)),
    ).toMatch(/more than 4 combining marks/);
    for (const text of ['Tiếng Việt', 'नमस्ते दुनिया', 'Ünïcödé', 'ཨོཾ་མ་ཎི']) {
      expect(errorOf(createGrantRequestSchema, request(text))).toBeUndefined();
    }
  });

  it('keeps a multi-line reason, trimmed', () => {
    const parsed = createGrantRequestSchema.parse(
      request('  INC-42: restore\nthe invoices  '),
    );
    expect(parsed.reason).toBe('INC-42: restore\nthe invoices');
  });

  it('treats an invisible optional note as no note, and a hostile one as an error', () => {
    expect(
      extendGrantRequestSchema.parse({ durationMinutes: 5, reason: '\u200B ' })
        .reason,
    ).toBeUndefined();
    expect(decisionRequestSchema.parse({ comment: '  ' }).comment).toBe(
      undefined,
    );
    const bidi = decisionRequestSchema.safeParse({
      comment: 'THIS REQUEST IS \u202EDEVORPPA',
    });
    expect(bidi.success).toBe(false);
    expect(describeZodError((bidi as any).error)).toMatch(
      /^comment must not contain text-direction control characters/,
    );
  });

  it('names unknown fields instead of ignoring them', () => {
    expect(
      errorOf(createGrantRequestSchema, {
        ...request('why'),
        requester: 'user:default/alice',
      }),
    ).toBe('unknown field(s): requester');
  });
});
