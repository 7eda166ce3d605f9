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
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModuleCatalogCollator from '@backstage/plugin-search-backend-module-catalog';
import request from 'supertest';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { defaultCatalogCollatorEntityTransformer } from '@backstage/plugin-search-backend-module-catalog';
import {
  HideGrantsDecorator,
  searchModuleHideAwsAccessGrants,
  type IndexableDocument,
} from './searchModuleHideGrants';

/** A catalog entity as the catalog collator turns it into a document. */
function document(entity: any): IndexableDocument {
  return {
    ...defaultCatalogCollatorEntityTransformer(entity),
    location: `/catalog/default/resource/${entity.metadata.name}`,
    authorization: { resourceRef: `resource:default/${entity.metadata.name}` },
  };
}

const bucket = document({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 's3-orders-1a2b3c4d', title: 'orders' },
  spec: { type: 's3-bucket', owner: 'group:default/team-data' },
});
const grant = document({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'grant-3f2a9c1e', title: 'guest on orders · 3f2a9c1e' },
  spec: { type: 'aws-access-grant', owner: 'user:default/guest' },
});
const service = document({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments' },
  spec: { type: 'aws-access-grant', owner: 'team-a', lifecycle: 'production' },
});

async function index(documents: IndexableDocument[]) {
  const indexed: IndexableDocument[] = [];
  await pipeline(
    Readable.from(documents),
    new HideGrantsDecorator(),
    async (source: AsyncIterable<IndexableDocument>) => {
      for await (const doc of source) indexed.push(doc);
    },
  );
  return indexed;
}

describe('searchModuleHideAwsAccessGrants', () => {
  it('indexes AWS resources and everything else, but no grant entity', async () => {
    const indexed = await index([bucket, grant, service]);

    expect(indexed.map(d => d.title)).toEqual(['orders', 'payments']);
  });

  it('keeps grant entities out of what the search backend answers', async () => {
    const entity = (name: string, type: string, title: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name, namespace: 'default', title },
      spec: { type, owner: 'user:default/guest' },
    });
    const scheduler = mockServices.scheduler();
    const { server } = await startTestBackend({
      features: [
        searchPlugin,
        searchModuleCatalogCollator,
        searchModuleHideAwsAccessGrants,
        catalogServiceMock.factory({
          entities: [
            entity('s3-orders-1a2b3c4d', 's3-bucket', 'orders'),
            entity('grant-3f2a9c1e', 'aws-access-grant', 'guest on orders'),
          ],
        }),
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
      ],
    });
    await scheduler.triggerTask('search_index_software_catalog');

    const res = await request(server)
      .get('/api/search/query')
      .query({ term: 'orders' });

    expect(res.status).toBe(200);
    expect(res.body.results.map((r: any) => r.document.title).sort()).toEqual([
      'orders',
    ]);
  });
});
