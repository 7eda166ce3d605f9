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

import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** How a person or group is named to people: never `user:default/guest`. */
export type NameOf = (entityRef: string) => Promise<string>;

/** `user:default/jane.doe` reads `jane.doe` when nothing better is known. */
export function shortName(entityRef: string): string {
  try {
    return parseEntityRef(entityRef).name;
  } catch {
    return 'someone';
  }
}

const TTL_MS = 5 * 60_000;

/**
 * Display names from the catalog (`spec.profile.displayName`, else the
 * title, else the entity's name), cached for a few minutes: notifications
 * go out in bursts for the same people. A catalog that cannot be read gives
 * the short name, so a notification is never held up by it.
 */
export function createCatalogNames(options: {
  catalog: CatalogService;
  auth: AuthService;
  now?: () => number;
}): NameOf {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { name: string; until: number }>();
  return async entityRef => {
    const hit = cache.get(entityRef);
    if (hit && hit.until > now()) {
      return hit.name;
    }
    let name = shortName(entityRef);
    try {
      const entity = await options.catalog.getEntityByRef(entityRef, {
        credentials: await options.auth.getOwnServiceCredentials(),
      });
      const profile = (entity?.spec as { profile?: { displayName?: unknown } })
        ?.profile;
      const display =
        typeof profile?.displayName === 'string'
          ? profile.displayName
          : entity?.metadata.title;
      if (display && display.trim()) {
        name = display.trim();
      }
    } catch {
      // the short name will do
    }
    if (cache.size > 1000) cache.clear();
    cache.set(entityRef, { name, until: now() + TTL_MS });
    return name;
  };
}
