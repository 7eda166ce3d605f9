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
  KMSClient,
  paginateListAliases,
  paginateListKeys,
} from '@aws-sdk/client-kms';
import { listedResourceDiscoverer } from './listedResourceDiscoverer';
import { collectPages, consoleUrl } from './util';

/**
 * Customer-managed KMS keys. `ListAliases` both names the keys (titles read
 * `orders-key`, not a uuid) and marks the AWS-managed ones (`alias/aws/…`),
 * which nobody can be granted anything on and are left out; tags from the
 * tagging API. No per-key call.
 */
export const kmsKeyDiscoverer = listedResourceDiscoverer({
  cloudFormationType: 'AWS::KMS::Key',
  client: config => new KMSClient(config),
  async list(client, { region }) {
    const keys = await collectPages(
      paginateListKeys({ client, pageSize: 1000 }, {}),
      page =>
        (page.Keys ?? []).flatMap(key =>
          key.KeyId && key.KeyArn ? [{ id: key.KeyId, arn: key.KeyArn }] : [],
        ),
    );
    const aliases = new Map<string, string>();
    const awsManaged = new Set<string>();
    if (keys.length) {
      for await (const page of paginateListAliases(
        { client, pageSize: 100 },
        {},
      )) {
        for (const alias of page.Aliases ?? []) {
          if (!alias.TargetKeyId || !alias.AliasName) continue;
          if (alias.AliasName.startsWith('alias/aws/')) {
            awsManaged.add(alias.TargetKeyId);
          } else if (!aliases.has(alias.TargetKeyId)) {
            aliases.set(alias.TargetKeyId, alias.AliasName.slice(6));
          }
        }
      }
    }
    return keys
      .filter(key => !awsManaged.has(key.id))
      .map(key => ({
        arn: key.arn,
        name: aliases.get(key.id) ?? key.id,
        consoleUrl: consoleUrl(region, 'kms/home', `/kms/keys/${key.id}`),
      }));
  },
});
