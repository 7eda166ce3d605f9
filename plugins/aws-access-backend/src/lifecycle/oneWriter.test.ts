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

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const src = join(__dirname, '..');

/** The store's methods that write grant rows, their history or claims. */
const WRITES =
  /\.(insertGrant|updateGrant|recordApproval|appendEvent|claimGrants?|releaseClaim)\(/;

/** Where they may be called: the lifecycle, and the store itself. */
const WRITERS = ['lifecycle/', 'database/'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return name === '__testUtils__' ? [] : sources(path);
    }
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe('one writer of grant state', () => {
  it('calls the store’s writes only from src/lifecycle', () => {
    const offenders = sources(src)
      .map(path => relative(src, path))
      .filter(path => !WRITERS.some(dir => path.startsWith(dir)))
      .filter(path => WRITES.test(readFileSync(join(src, path), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('would notice a writer elsewhere', () => {
    // The check above must be able to fail: the call sites it guards
    // against look like this.
    expect(
      WRITES.test('await ctx.store.updateGrant(id, { states: ["active"] })'),
    ).toBe(true);
    expect(WRITES.test('await store.claimGrant(active.id, {')).toBe(true);
    expect(WRITES.test('await lifecycle.transition(id, "activated")')).toBe(
      false,
    );
  });
});
