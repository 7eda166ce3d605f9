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

import { Config } from '@backstage/config';
import { readMinutes } from '../config/readMinutes';

/** Long enough to finish a task or extend, short enough not to be noise. */
export const DEFAULT_EXPIRY_WARNING_MINUTES = 15;

/**
 * `awsAccess.notifications.expiryWarning`: how long before expiry the
 * requester is warned, in minutes. 0 turns the warning off.
 */
export function readExpiryWarningMinutes(root: Config): number {
  return readMinutes(root, {
    section: 'awsAccess.notifications',
    key: 'expiryWarning',
    fallback: DEFAULT_EXPIRY_WARNING_MINUTES,
    min: 0,
    replaces: 'expiryWarningMinutes',
  });
}

/**
 * Whether an active grant is due its expiry warning now, and how many whole
 * minutes it has left (rounded up, so "ends in 0 minutes" is never said).
 * The caller records that it warned, so each grant is warned once. A grant
 * that lasts less than twice the lead time (`lifetimeMinutes`, activation
 * to expiry) is never warned: "your access ends in 15 minutes" the moment a
 * 15-minute grant starts is noise, not help.
 */
export function expiryWarningDue(
  expiresAt: Date,
  now: Date,
  leadMinutes: number,
  lifetimeMinutes?: number,
): { due: false } | { due: true; minutesLeft: number } {
  const msLeft = expiresAt.getTime() - now.getTime();
  if (leadMinutes <= 0 || msLeft <= 0 || msLeft > leadMinutes * 60_000) {
    return { due: false };
  }
  if (lifetimeMinutes !== undefined && lifetimeMinutes < 2 * leadMinutes) {
    return { due: false };
  }
  return { due: true, minutesLeft: Math.ceil(msLeft / 60_000) };
}
