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

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { storageApiRef, useApi } from '@backstage/core-plugin-api';
import { GRANT_LIMITS } from '@backstage-aws-access/plugin-aws-access-common';
import { useCurrentUserRef } from '../hooks';

/** A resource put into the request being assembled. */
export type RequestCartItem = {
  /** The catalog entity, for its name and link. */
  entityRef: string;
  resourceArn: string;
  /** Where the entity names its account (S3 ARNs carry none). */
  accountId?: string;
};

export interface RequestCart {
  items: RequestCartItem[];
  /** False until the stored request has been read. */
  ready: boolean;
  has: (resourceArn: string) => boolean;
  add: (item: RequestCartItem) => void;
  remove: (resourceArn: string) => void;
  clear: () => void;
  /** The request is full: a bundle names at most this many resources. */
  full: boolean;
}

const BUCKET = 'aws-access';

function isItem(value: unknown): value is RequestCartItem {
  const item = value as RequestCartItem;
  return (
    typeof item?.entityRef === 'string' &&
    typeof item.resourceArn === 'string' &&
    (item.accountId === undefined || typeof item.accountId === 'string')
  );
}

/** Whatever was stored, as far as it is still a list of items. */
function readItems(value: unknown): RequestCartItem[] {
  return Array.isArray(value) ? value.filter(isItem) : [];
}

/**
 * The request being assembled across entity pages: the resources added
 * with "Add to request", kept in the app's storage API (the browser's
 * localStorage, or the user-settings backend where the app installs it),
 * one list per signed-in user, so it survives navigation and reloads and another
 * person signing in on the same browser does not inherit it.
 */
export function useRequestCart(): RequestCart {
  const storage = useApi(storageApiRef);
  const user = useCurrentUserRef();
  const key = user.value ? `request:${user.value}` : undefined;
  const bucket = useMemo(() => storage.forBucket(BUCKET), [storage]);
  const [items, setItems] = useState<RequestCartItem[]>([]);
  const [ready, setReady] = useState(false);
  // What was last read or written: a storage kept on the server (the
  // user-settings backend) answers `unknown` until it has loaded, so
  // changes build on this rather than on a snapshot.
  const latest = useRef<RequestCartItem[]>([]);

  // Every page showing the cart follows the same stored list.
  useEffect(() => {
    if (!key) {
      return undefined;
    }
    const take = (snapshot: { presence: string; value?: unknown }) => {
      if (snapshot.presence === 'unknown') {
        return;
      }
      latest.current = readItems(snapshot.value);
      setItems(latest.current);
      setReady(true);
    };
    take(bucket.snapshot(key));
    const subscription = bucket
      .observe$<RequestCartItem[]>(key)
      .subscribe(take);
    return () => subscription.unsubscribe();
  }, [bucket, key]);

  const write = useCallback(
    (update: (items: RequestCartItem[]) => RequestCartItem[]) => {
      if (!key) {
        return;
      }
      const next = update(latest.current);
      latest.current = next;
      setItems(next);
      if (next.length) {
        bucket.set(key, next);
      } else {
        bucket.remove(key);
      }
    },
    [bucket, key],
  );

  return {
    items,
    ready,
    full: items.length >= GRANT_LIMITS.maxBundleTargets,
    has: resourceArn => items.some(i => i.resourceArn === resourceArn),
    add: item =>
      write(current =>
        current.some(i => i.resourceArn === item.resourceArn) ||
        current.length >= GRANT_LIMITS.maxBundleTargets
          ? current
          : [...current, item],
      ),
    remove: resourceArn =>
      write(current => current.filter(i => i.resourceArn !== resourceArn)),
    clear: () => write(() => []),
  };
}
