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

import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  isAwsAccessGrantEntity,
  isAwsResourceEntity,
} from '../lib/entityPredicates';

// No content group: the three tabs sit at the top level of the entity
// page, where people look for them, with exactly these titles.

export const entityRequestAccessContent = EntityContentBlueprint.make({
  name: 'request',
  params: {
    path: '/aws-access/request',
    title: 'Request access',
    filter: isAwsResourceEntity,
    loader: () =>
      import('../components/EntityRequestAccessContent').then(m => (
        <m.EntityRequestAccessContent />
      )),
  },
});

export const entityActiveGrantsContent = EntityContentBlueprint.make({
  name: 'grants',
  params: {
    path: '/aws-access/grants',
    title: 'Active grants',
    filter: isAwsResourceEntity,
    loader: () =>
      import('../components/EntityActiveGrantsContent').then(m => (
        <m.EntityActiveGrantsContent />
      )),
  },
});

export const entityExpiryContent = EntityContentBlueprint.make({
  name: 'expiry',
  params: {
    path: '/aws-access/expiry',
    title: 'Expiry',
    filter: isAwsResourceEntity,
    loader: () =>
      import('../components/EntityExpiryContent').then(m => (
        <m.EntityExpiryContent />
      )),
  },
});

export const entityGrantContent = EntityContentBlueprint.make({
  name: 'grant',
  params: {
    path: '/aws-access/grant',
    title: 'Grant',
    filter: isAwsAccessGrantEntity,
    loader: () =>
      import('../components/EntityGrantContent').then(m => (
        <m.EntityGrantContent />
      )),
  },
});
