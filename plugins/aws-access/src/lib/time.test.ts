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
  formatDuration,
  formatRemaining,
  formatTimeUntil,
  remainingPercent,
} from './time';

describe('time helpers', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');

  it('formats the time left as a clock', () => {
    expect(formatRemaining('2026-01-01T12:15:00Z', now)).toBe('15m 00s');
    expect(formatRemaining('2026-01-01T13:04:09Z', now)).toBe('1h 04m 09s');
    expect(formatRemaining('2026-01-01T12:00:42Z', now)).toBe('42s');
    // Part of a second left still reads as a second, never `0s`.
    expect(formatRemaining('2026-01-01T12:00:00.200Z', now)).toBe('1s');
    expect(formatRemaining('2026-01-01T14:00:00Z', now)).toBe('2h 00m 00s');
    expect(formatRemaining('2026-01-01T11:59:00Z', now)).toBeUndefined();
  });

  it('says how far ahead a time is, in words', () => {
    expect(formatTimeUntil('2026-01-01T12:29:30Z', now)).toBe('in 29 minutes');
    expect(formatTimeUntil('2026-01-02T15:00:00Z', now)).toBe('in 1 day');
    expect(formatTimeUntil('2026-01-01T12:00:00Z', now)).toBeUndefined();
    expect(formatTimeUntil('not a date', now)).toBeUndefined();
  });

  it('formats durations for people', () => {
    expect(formatDuration(15)).toBe('15 minutes');
    expect(formatDuration(60)).toBe('1 hour');
    expect(formatDuration(480)).toBe('8 hours');
    expect(formatDuration(90)).toBe('1 hour, 30 minutes');
    expect(formatDuration(1)).toBe('1 minute');
    expect(formatDuration(1501)).toBe('25 hours, 1 minute');
  });

  it('gives the share of time left', () => {
    expect(
      remainingPercent('2026-01-01T11:00:00Z', '2026-01-01T13:00:00Z', now),
    ).toBe(50);
    expect(
      remainingPercent('2026-01-01T10:00:00Z', '2026-01-01T11:00:00Z', now),
    ).toBe(0);
  });
});
