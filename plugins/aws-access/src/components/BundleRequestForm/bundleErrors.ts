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

import { humanizeApiMessage } from '@backstage-aws-access/plugin-aws-access-common';
import type { SafeParser } from '../../lib/validation';

/**
 * What is wrong with a bundle request, sorted by where the form shows it:
 * `targets[i]` beside the i-th resource, `fields` beside the duration and
 * reason, and `other` above the submit button.
 */
export interface BundleErrors {
  targets: Record<number, string>;
  fields: Record<string, string>;
  other: string[];
}

const TARGET_PATH = /^targets\.(\d+)(?:\.([A-Za-z]+))?(:)?\s*(.*)$/s;

function sorter() {
  const errors: BundleErrors = { targets: {}, fields: {}, other: [] };
  return {
    errors,
    /** The first message per place wins, as in the single form. */
    add(path: ReadonlyArray<PropertyKey>, message: string) {
      const [field, index] = path;
      const text = humanizeApiMessage(message);
      if (field === 'targets' && typeof index === 'number') {
        errors.targets[index] ??= text;
      } else if (typeof field === 'string' && field !== 'targets') {
        errors.fields[field] ??= text;
      } else {
        errors.other.push(text);
      }
    },
  };
}

/** The form's own check, with the API's schema. */
export function bundleFieldErrors(
  schema: SafeParser,
  value: unknown,
): BundleErrors {
  const { errors, add } = sorter();
  const result = schema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      add(issue.path, issue.message);
    }
  }
  return errors;
}

/**
 * The API's answer to a refused bundle: its message lists the problems
 * joined by `; `, each prefixed with the field's path (`targets.1.actions:
 * …` as `describeZodError` writes them, `targets.1.actions must …` from
 * the backend's planning), so each lands beside its resource.
 */
export function bundleErrorsFromMessage(message: string): BundleErrors {
  const { errors, add } = sorter();
  for (const part of message.split(/;\s+/)) {
    const target = TARGET_PATH.exec(part);
    if (target) {
      // `targets.1.actions: …` says it all after the colon; the backend's
      // own checks write `targets.1.actions must …`, the field leading.
      const [, index, field, colon, rest] = target;
      const text = field && !colon ? `${field} ${rest}` : rest;
      add(['targets', Number(index)], text || part);
      continue;
    }
    const field = /^(durationMinutes|reason)\b/.exec(part)?.[1];
    add(field ? [field] : [], part);
  }
  return errors;
}
