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

import { grantRoleName, MAX_SWITCH_ROLE_CHARS } from './naming';

const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const FRAGMENT = '0f8fad5bd9cb';
const PATH = '/backstage-access/';
const VALID = /^[\w+=,.@-]{1,64}$/;

describe('grantRoleName', () => {
  it.each([
    [undefined, `grant-${FRAGMENT}`],
    ['sandbox-payments-invoices', `sandbox-payments-invoices-${FRAGMENT}`],
    ['my bucket (prod)', `my-bucket-prod-${FRAGMENT}`],
    ['--..', `grant-${FRAGMENT}`],
  ])('names a grant on %j %s', (hint, expected) => {
    expect(grantRoleName(UUID, hint, PATH)).toBe(expected);
  });

  it('keeps path plus name within the console switch-role limit of 64 characters', () => {
    for (const path of [PATH, '/a/', '/team-platform/grants/backstage/']) {
      const name = grantRoleName(UUID, 'x'.repeat(100), path);
      expect(name).toMatch(VALID);
      expect(path.length + name.length).toBeLessThanOrEqual(
        MAX_SWITCH_ROLE_CHARS,
      );
      expect(name.endsWith(`-${FRAGMENT}`)).toBe(true);
    }
    // The console has room for 64 characters of path and name: all used.
    expect(
      PATH.length + grantRoleName(UUID, 'x'.repeat(100), PATH).length,
    ).toBe(MAX_SWITCH_ROLE_CHARS);
  });

  it('does not read a hint as an ARN: the hint is a resource name, never a sub-path', () => {
    const name = grantRoleName(
      UUID,
      'arn:aws:s3:::sandbox-analytics-raw/prod-audit-logs',
      PATH,
    );
    expect(name).toMatch(VALID);
    expect(name.startsWith('prod-audit-logs')).toBe(false);
  });

  it('still names a role when the path leaves no room for a hint', () => {
    const path = `/${'p'.repeat(50)}/`;
    expect(grantRoleName(UUID, 'bucket', path)).toBe(FRAGMENT);
  });

  it('tells grants apart by their id, also ids that are not UUIDs', () => {
    const other = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    expect(grantRoleName(UUID, 'bucket', PATH)).not.toBe(
      grantRoleName(other, 'bucket', PATH),
    );
    const odd = grantRoleName('grant/with:odd#chars', 'bucket', PATH);
    expect(odd).toMatch(/^bucket-[0-9a-f]{12}$/);
    expect(odd).not.toBe(
      grantRoleName('grant/with:odd#chars2', 'bucket', PATH),
    );
    expect(grantRoleName('grant/with:odd#chars', 'bucket', PATH)).toBe(odd);
  });
});
