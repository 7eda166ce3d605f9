import { useState } from 'react';
import { fieldErrors, type SafeParser } from '../../lib/validation';
import type { GrantActionNote } from './ConfirmGrantActionDialog';

/**
 * An optional reason or comment, checked as the user types against the
 * request schema from `-common`, so its error reads as the API's would.
 * `body` is what the API takes: the trimmed note, or nothing when blank.
 */
export function useOptionalNote<Name extends string>(
  name: Name,
  label: string,
  schema: SafeParser,
) {
  const [value, setValue] = useState('');
  const error = value
    ? fieldErrors(schema, { [name]: value })[name]
    : undefined;
  const trimmed = value.trim();
  const note: GrantActionNote = {
    name,
    label,
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
