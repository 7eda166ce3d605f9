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

/*
 * Keeps grant entities out of the search index. They hold nothing private
 * (who, which actions on which resource, until when), but an index is a copy
 * that lives until the next collation: it would keep listing a revoked grant
 * as if it were live. The catalog itself is the live list.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { DecoratorBase } from '@backstage/plugin-search-backend-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { GRANT_ENTITY_TYPE } from '@backstage-aws-access/plugin-aws-access-common';

/** What the search index receives from a collator. */
export type IndexableDocument = Parameters<DecoratorBase['decorate']>[0];

/** The catalog collator's document type. */
const CATALOG_DOCUMENT_TYPE = 'software-catalog';

/** Whether a catalog document is an aws-access grant entity. */
export function isGrantDocument(document: IndexableDocument): boolean {
  const doc = document as IndexableDocument & {
    kind?: string;
    type?: string;
  };
  return (
    doc.kind?.toLocaleLowerCase('en-US') === 'resource' &&
    doc.type === GRANT_ENTITY_TYPE
  );
}

/** Drops grant entities from the documents on their way to the index. */
export class HideGrantsDecorator extends DecoratorBase {
  async initialize(): Promise<void> {}
  async decorate(
    document: IndexableDocument,
  ): Promise<IndexableDocument | undefined> {
    return isGrantDocument(document) ? undefined : document;
  }
  async finalize(): Promise<void> {}
}

export const searchModuleHideAwsAccessGrants = createBackendModule({
  pluginId: 'search',
  moduleId: 'hide-aws-access-grants',
  register(reg) {
    reg.registerInit({
      deps: { indexRegistry: searchIndexRegistryExtensionPoint },
      async init({ indexRegistry }) {
        indexRegistry.addDecorator({
          factory: {
            types: [CATALOG_DOCUMENT_TYPE],
            getDecorator: async () => new HideGrantsDecorator(),
          },
        });
      },
    });
  },
});

export default searchModuleHideAwsAccessGrants;
