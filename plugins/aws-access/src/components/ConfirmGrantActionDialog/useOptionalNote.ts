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

import { useState } from 'react';
import { fieldErrors, type SafeParser } from '../../lib/validation';
import type { GrantActionNote } from './ConfirmGrantActionDialog';

/** The notes' labels: the same words in every dialog that asks for one. */
const LABELS = {
  reason: 'Reason (optional)',
  comment: 'Comment (optional)',
} as const;

/**
 * An optional reason or comment, checked as the user types against the
 * request schema from `-common`, so its error reads as the API's would.
 * `body` is what the API takes: the trimmed note, or nothing when blank.
 */
export function useOptionalNote<Name extends keyof typeof LABELS>(
  name: Name,
  schema: SafeParser,
) {
  const [value, setValue] = useState('');
  const error = value
    ? fieldErrors(schema, { [name]: value })[name]
    : undefined;
  const trimmed = value.trim();
  const note: GrantActionNote = {
    name,
    label: LABELS[name],
    value,
    onChange: setValue,
    error,
  };
  return {
    note,
    body: (trimmed ? { [name]: trimmed } : {}) as Partial<Record<Name, string>>,
    clear: () => setValue(''),
  };
}
