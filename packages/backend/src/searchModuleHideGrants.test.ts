import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { defaultCatalogCollatorEntityTransformer } from '@backstage/plugin-search-backend-module-catalog';
import {
  HideGrantsDecorator,
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
});
