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

import { useApi } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import useAsync from 'react-use/esm/useAsync';
import type { AwsAccessApi } from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../api';

// Every row of an inbox or a bundle names accounts: they share one request
// a minute rather than sending one each.
const FRESH_MS = 60_000;
const loaded = new WeakMap<
  AwsAccessApi,
  { at: number; names: Promise<Map<string, string>> }
>();

function accountNames(api: AwsAccessApi): Promise<Map<string, string>> {
  const cached = loaded.get(api);
  if (cached && Date.now() - cached.at < FRESH_MS) return cached.names;
  const names = api
    .listAccounts()
    .then(({ items }) => new Map(items.map(a => [a.accountId, a.name])));
  // A failed load is not kept: the next row asks again.
  names.catch(() => loaded.delete(api));
  loaded.set(api, { at: Date.now(), names });
  return names;
}

/**
 * Names an account the way people know it: `Payments (123456789012)`. Until
 * the accounts have loaded, or for an account the user may not list or that
 * was offboarded, the id alone.
 */
export function useAccountLabel(): (accountId: string) => string {
  const api = useApi(awsAccessApiRef);
  const { value: names } = useAsync(() => accountNames(api), [api]);
  return useCallback(
    (accountId: string) => {
      const name = names?.get(accountId);
      return name && name !== accountId ? `${name} (${accountId})` : accountId;
    },
    [names],
  );
}
