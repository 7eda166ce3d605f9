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

import { ConfigReader } from '@backstage/config';
import { expiryWarningDue, readExpiryWarningMinutes } from './expiryWarning';
import { JsonValue } from '@backstage/types';

describe('readExpiryWarningMinutes', () => {
  const read = (expiryWarning: JsonValue) =>
    readExpiryWarningMinutes(
      new ConfigReader({ awsAccess: { notifications: { expiryWarning } } }),
    );

  it('defaults to 15 minutes, reads durations, and accepts 0 (off)', () => {
    expect(readExpiryWarningMinutes(new ConfigReader({}))).toBe(15);
    expect(read({ minutes: 30 })).toBe(30);
    expect(read('1h')).toBe(60);
    expect(read({ minutes: 0 })).toBe(0);
  });

  it('refuses the old minute-number setting instead of ignoring it', () => {
    expect(() =>
      readExpiryWarningMinutes(
        new ConfigReader({
          awsAccess: { notifications: { expiryWarningMinutes: 5 } },
        }),
      ),
    ).toThrow(
      'awsAccess.notifications.expiryWarningMinutes is replaced by awsAccess.notifications.expiryWarning',
    );
  });

  it('refuses a lead time that is not whole minutes', () => {
    expect(() => read({ seconds: 90 })).toThrow(
      'awsAccess.notifications.expiryWarning must be whole minutes',
    );
  });
});

describe('expiryWarningDue', () => {
  const expiresAt = new Date('2026-01-01T11:00:00Z');
  it.each([
    ['10:44:59', 15, { due: false }],
    ['10:45:00', 15, { due: true, minutesLeft: 15 }],
    ['10:59:30', 15, { due: true, minutesLeft: 1 }],
    ['11:00:00', 15, { due: false }],
    ['10:59:00', 0, { due: false }],
  ])('at %s with %i minutes lead: %j', (time, lead, expected) => {
    expect(
      expiryWarningDue(expiresAt, new Date(`2026-01-01T${time}Z`), lead),
    ).toEqual(expected);
  });
});

describe('expiryWarningDue for short grants', () => {
  const expiresAt = new Date('2026-01-01T11:00:00Z');
  const at = new Date('2026-01-01T10:50:00Z');
  it.each([
    [15, { due: false }],
    [29, { due: false }],
    [30, { due: true, minutesLeft: 10 }],
    [60, { due: true, minutesLeft: 10 }],
  ])('a %i-minute grant with a 15-minute lead: %j', (lifetime, expected) => {
    expect(expiryWarningDue(expiresAt, at, 15, lifetime)).toEqual(expected);
  });
});
