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

import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import type { RootConfigService } from '@backstage/backend-plugin-api';
import { ServiceFactoryTester } from '@backstage/backend-test-utils';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** The configuration a backend started with these files reads, through Backstage's own loader. */
async function loadConfig(...files: string[]): Promise<RootConfigService> {
  const tester = ServiceFactoryTester.from(
    rootConfigServiceFactory({
      argv: files.flatMap(file => ['--config', path.join(ROOT, file)]),
    }),
  );
  return tester.getSubject();
}

describe('app-config.yaml merged with app-config.production.yaml', () => {
  const env = { ...process.env };
  beforeAll(() => {
    // The production file substitutes these; their values do not matter here.
    Object.assign(process.env, {
      POSTGRES_HOST: 'db',
      POSTGRES_PORT: '5432',
      POSTGRES_USER: 'backstage',
      POSTGRES_PASSWORD: 'secret',
    });
  });
  afterAll(() => {
    process.env = env;
  });

  it('signs nobody in without a credential: no guest provider, no demo sign-in, no picker', async () => {
    const config = await loadConfig(
      'app-config.yaml',
      'app-config.production.yaml',
    );

    const providers = config.getOptionalConfig('auth.providers');
    expect(providers?.keys() ?? []).toEqual([]);
    expect(JSON.stringify(config.get())).not.toContain(
      'dangerouslyAllowOutsideDevelopment',
    );
    expect(config.getOptional('app.extensions')).toContainEqual({
      'sign-in-page:app': false,
    });
  });

  it('while the demo, which adds app-config.demo.yaml, has both', async () => {
    const config = await loadConfig('app-config.yaml', 'app-config.demo.yaml');

    expect(config.getConfig('auth.providers').keys().sort()).toEqual([
      'demo',
      'guest',
    ]);
    expect(
      config.getOptionalBoolean(
        'auth.providers.guest.dangerouslyAllowOutsideDevelopment',
      ),
    ).toBeUndefined();
  });
});
