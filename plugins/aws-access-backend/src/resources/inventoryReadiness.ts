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
import { ServiceUnavailableError } from '@backstage/errors';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_AWS_ARN } from '@backstage-aws-access/plugin-aws-access-common';

/** The answer while the first discovery has not filled the catalog yet. */
export const STILL_DISCOVERING_MESSAGE =
  'still discovering AWS resources, try again in a few seconds';

/** Is the AWS inventory there yet? `assertReady` answers 503 until it is. */
export interface InventoryReadiness {
  assertReady(): Promise<void>;
}

/**
 * Ready once the catalog holds an AWS resource entity (the first discovery
 * has run), or once `graceMs` have passed since start, so that accounts
 * without any resource are not refused forever. Once ready, stays ready
 * without asking the catalog again.
 */
export function createInventoryReadiness(options: {
  catalog: CatalogService;
  auth: AuthService;
  /** How long after start a still-empty inventory counts as ready. Default 2 minutes. */
  graceMs?: number;
  now?: () => number;
}): InventoryReadiness {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const graceMs = options.graceMs ?? 120_000;
  let ready = false;
  return {
    async assertReady() {
      if (ready) {
        return;
      }
      if (now() - startedAt >= graceMs) {
        ready = true;
        return;
      }
      const { items } = await options.catalog.getEntities(
        {
          filter: {
            kind: 'Resource',
            [`metadata.annotations.${ANNOTATION_AWS_ARN}`]:
              CATALOG_FILTER_EXISTS,
          },
          fields: ['metadata.name'],
          limit: 1,
        },
        { credentials: await options.auth.getOwnServiceCredentials() },
      );
      if (items.length > 0) {
        ready = true;
        return;
      }
      throw new ServiceUnavailableError(STILL_DISCOVERING_MESSAGE);
    },
  };
}
