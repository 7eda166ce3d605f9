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
 * The request fields as people name them, for messages shown in forms.
 *
 * @public
 */
export const FIELD_LABELS: Record<string, string> = {
  durationMinutes: 'Duration',
  actions: 'Actions',
  reason: 'Reason',
  resourceArn: 'Resource',
  accountId: 'Account',
  comment: 'Comment',
};

/**
 * Rewrites an API message for people: field names become their labels
 * ("durationMinutes must be at most 720" reads "Duration must be at most
 * 720 minutes"), and entity refs lose their kind and namespace.
 *
 * @public
 */
export function humanizeApiMessage(message: string): string {
  let text = message;
  for (const [field, label] of Object.entries(FIELD_LABELS)) {
    text = text.replace(new RegExp(`\\b${field}\\b:?`, 'g'), label);
  }
  text = text.replace(
    /\bDuration must be (at most|at least) (\d+)(?!\d| minute)/g,
    (_, bound: string, n: string) =>
      `Duration must be ${bound} ${n} ${n === '1' ? 'minute' : 'minutes'}`,
  );
  return text.replace(
    /\b(?:user|group):(?:[a-z0-9._-]+\/)?([A-Za-z0-9._-]+)/g,
    '$1',
  );
}
