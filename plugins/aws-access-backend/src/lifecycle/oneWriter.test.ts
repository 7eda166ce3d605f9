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

/**
 * Where each kind of write may be made: the store's writes of grant rows
 * and their history only by the lifecycle, claims only by the claims
 * owner, and the lifecycle built only by the composition root (one per
 * backend, so that every transition is published on the one bus).
 * The store itself (`database/`) implements the writes.
 */
const RULES: Array<{ what: string; pattern: RegExp; allowed: string[] }> = [
  {
    what: 'grant writes',
    pattern: /\.(insertGrant|updateGrant|recordApproval|appendEvent)\(/,
    allowed: ['lifecycle/GrantLifecycle.ts', 'database/'],
  },
  {
    what: 'claims',
    pattern: /\.(claimGrants?|releaseClaim)\(/,
    allowed: ['lifecycle/GrantClaims.ts', 'database/'],
  },
  {
    what: 'lifecycles',
    pattern: /new GrantLifecycle\(/,
    allowed: ['service/createAwsAccessServices.ts'],
  },
];

const rule = (what: string) => RULES.find(r => r.what === what)!;

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
  const files = sources(src).map(path => ({
    path: relative(src, path),
    text: readFileSync(path, 'utf8'),
  }));

  it.each(RULES.map(r => [r.what, r] as const))(
    'makes %s only where they belong',
    (_what, { pattern, allowed }) => {
      const offenders = files
        .filter(({ path }) => !allowed.some(place => path.startsWith(place)))
        .filter(({ text }) => pattern.test(text))
        .map(({ path }) => path);
      expect(offenders).toEqual([]);
    },
  );

  it('would notice a writer elsewhere', () => {
    // The checks above must be able to fail: the call sites they guard
    // against look like this.
    const writes = rule('grant writes').pattern;
    expect(
      writes.test('await ctx.store.updateGrant(id, { states: ["active"] })'),
    ).toBe(true);
    expect(writes.test('await lifecycle.transition(id, "activated")')).toBe(
      false,
    );
    const claims = rule('claims').pattern;
    expect(claims.test('await store.claimGrant(active.id, {')).toBe(true);
    expect(claims.test('await this.store.claimGrants({')).toBe(true);
    expect(claims.test('await claims.take(id, ["active"])')).toBe(false);
    const lifecycles = rule('lifecycles').pattern;
    expect(
      lifecycles.test(
        'this.lifecycle = new GrantLifecycle({ store, events });',
      ),
    ).toBe(true);
    expect(lifecycles.test('lifecycle: GrantLifecycle;')).toBe(false);
  });
});
