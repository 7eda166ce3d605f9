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

import { InputError } from '@backstage/errors';
import { describeZodError } from '@backstage-aws-access/plugin-aws-access-common';
import { z } from 'zod/v3';

/** The field-by-field zod form that `createTemplateAction` takes as `schema.input`. */
export type ActionInputFields = Record<string, (zImpl: typeof z) => z.ZodType>;

/** What {@link parseActionInput} returns for a set of fields: their parsed values. */
export type ParsedActionInput<TFields extends ActionInputFields> = z.output<
  z.ZodObject<{ [K in keyof TFields]: ReturnType<TFields[K]> }>
>;

/**
 * Parses an action's input against the same zod fields it declares.
 *
 * The scaffolder only checks the JSON schema made from those fields, which
 * neither applies defaults nor runs refinements, and tests and other callers
 * may invoke the handler directly; parsing again here gives the handler
 * exactly the values the schema promises, or an `InputError` naming each bad
 * field.
 */
export function parseActionInput<TFields extends ActionInputFields>(
  fields: TFields,
  input: unknown,
): ParsedActionInput<TFields> {
  const shape = Object.fromEntries(
    Object.entries(fields).map(([key, field]) => [key, field(z)]),
  ) as { [K in keyof TFields]: ReturnType<TFields[K]> };
  const result = z.object(shape).strict().safeParse(input);
  if (!result.success) {
    throw new InputError(`Invalid input: ${describeZodError(result.error)}`);
  }
  return result.data as ParsedActionInput<TFields>;
}
