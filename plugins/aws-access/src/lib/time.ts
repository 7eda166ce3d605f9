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

import { DateTime, Duration } from 'luxon';

/**
 * Time left until `expiresAt`, as a short clock: `1h 04m 09s`, `14m 59s`,
 * `42s`. Returns undefined once the time has passed.
 */
export function formatRemaining(
  expiresAt: string,
  now: number = Date.now(),
): string | undefined {
  const ms = Date.parse(expiresAt) - now;
  if (!Number.isFinite(ms) || ms <= 0) {
    return undefined;
  }
  // Rounded up: `1s` is shown until the very end, never `0s`.
  const left = Duration.fromMillis(Math.ceil(ms / 1000) * 1000).shiftTo(
    'hours',
    'minutes',
    'seconds',
  );
  if (left.hours > 0) {
    return left.toFormat("h'h' mm'm' ss's'");
  }
  return left.toFormat(left.minutes > 0 ? "m'm' ss's'" : "s's'");
}

// A form renders the same few durations on every keystroke, and luxon builds
// Intl formatters for each call: the words are kept once made.
const durationWords = new Map<number, string>();

/**
 * A duration in minutes for people: `15 minutes`, `1 hour`,
 * `1 hour, 30 minutes` (units left out when nothing is in them).
 */
export function formatDuration(minutes: number): string {
  let words = durationWords.get(minutes);
  if (words === undefined) {
    const { hours, minutes: rest } = Duration.fromObject({ minutes })
      .shiftTo('hours', 'minutes')
      .toObject();
    words = Duration.fromObject({
      ...(hours ? { hours } : {}),
      ...(rest || !hours ? { minutes: rest } : {}),
    }).toHuman();
    durationWords.set(minutes, words);
  }
  return words;
}

/** An ISO timestamp in the viewer's locale and time zone. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) {
    return '—';
  }
  const dt = DateTime.fromISO(iso);
  return dt.isValid
    ? dt.toLocaleString(DateTime.DATETIME_MED_WITH_SECONDS)
    : iso;
}

/**
 * How far ahead `iso` is, in words: `in 29 minutes`, `in 3 hours`,
 * `in 2 days` (whole units, rounded down). Undefined once it has passed.
 */
export function formatTimeUntil(
  iso: string,
  now: number = Date.now(),
): string | undefined {
  const at = DateTime.fromISO(iso);
  if (!at.isValid || at.toMillis() <= now) {
    return undefined;
  }
  return at.toRelative({ base: DateTime.fromMillis(now) }) ?? undefined;
}

/** Share of the grant's time still left, 0 to 100, for progress bars. */
export function remainingPercent(
  activatedAt: string | undefined,
  expiresAt: string,
  now: number = Date.now(),
): number {
  const end = Date.parse(expiresAt);
  const start = activatedAt ? Date.parse(activatedAt) : NaN;
  if (!Number.isFinite(end) || !Number.isFinite(start) || end <= start) {
    return end > now ? 100 : 0;
  }
  const left = ((end - now) / (end - start)) * 100;
  return Math.min(100, Math.max(0, left));
}

/** A moment relative to now, as people say it: `in 14 minutes`, `5 minutes ago`. */
export function formatRelative(
  iso: string | undefined,
  now: number = Date.now(),
): string {
  if (!iso) {
    return '—';
  }
  const dt = DateTime.fromISO(iso);
  return dt.isValid
    ? dt.toRelative({ base: DateTime.fromMillis(now) }) ?? formatDateTime(iso)
    : iso;
}
