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

/**
 * Rules for free text people type (reasons, comments) that other people
 * read: approvers decide on it, and it lands in the audit log. Text that
 * renders as nothing, or that reorders what is around it, is refused, so a
 * reader always sees what the writer wrote.
 */

/**
 * Embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069):
 * they make "DETCEJER" read as "REJECTED", and are refused anywhere.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

/** C0 and C1 controls other than tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex -- matching controls is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/**
 * What renders as nothing: white space, format characters (zero-width
 * space and joiners, marks, the BOM, soft hyphen), fillers. Text made only
 * of these is empty.
 */
const INVISIBLE =
  /[\s\p{Cf}\p{Cc}\u034F\u115F\u1160\u17B4\u17B5\u180E\u2800\u3164\uFFA0]/gu;

/**
 * Longest run of combining marks after one base character. Real scripts
 * stack at most three or four (Vietnamese, Devanagari, Tibetan); floods of
 * them draw over the neighbouring lines.
 *
 * @public
 */
export const MAX_COMBINING_MARKS = 4;
const COMBINING_FLOOD = new RegExp(`\\p{M}{${MAX_COMBINING_MARKS + 1},}`, 'u');

/**
 * Why `text` may not be shown to other people as `field`, or `undefined`
 * when it may. `required` refuses text that is empty once invisible
 * characters are left out.
 *
 * @public
 */
export function userTextProblem(
  field: string,
  text: string,
  options: { required: boolean },
): string | undefined {
  const bidi = BIDI_CONTROL.exec(text);
  if (bidi) {
    return `${field} must not contain text-direction control characters (U+${codePoint(
      bidi[0],
    )})`;
  }
  const control = CONTROL.exec(text);
  if (control) {
    return `${field} must not contain control characters (U+${codePoint(
      control[0],
    )})`;
  }
  if (COMBINING_FLOOD.test(text)) {
    return `${field} must not stack more than ${MAX_COMBINING_MARKS} combining marks on one character`;
  }
  if (options.required && text.replace(INVISIBLE, '') === '') {
    return `${field} is required`;
  }
  return undefined;
}

/**
 * Whether `text` shows nothing at all (only white space or invisible characters).
 *
 * @public
 */
export function isBlankText(text: string): boolean {
  return text.replace(INVISIBLE, '') === '';
}

function codePoint(char: string): string {
  return char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}
