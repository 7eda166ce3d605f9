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

import { ReactNode } from 'react';
import type { AwsAccessApi } from '@backstage-aws-access/plugin-aws-access-common';
import { makeGrant, resourceEntity } from './fakes';
import { renderWithApi, TEST_APP_USER } from './render';

/**
 * renderInTestApp's user requested this on the demo bucket; it needs two
 * approvals and has one, from alice.
 */
export const myPendingRequest = makeGrant({
  id: 'g-pending',
  state: 'pending',
  requester: TEST_APP_USER,
  actions: ['s3:PutObject'],
  expiresAt: undefined,
  activatedAt: undefined,
  roleArn: undefined,
  signInUrl: undefined,
  requiredApprovals: 2,
  approvals: [
    { approver: 'user:default/alice', createdAt: new Date().toISOString() },
  ],
  approverGroups: ['group:default/platform'],
});

/** Renders an entity-page component on the demo bucket's page. */
export function renderOnResourcePage(ui: ReactNode, api: AwsAccessApi) {
  return renderWithApi(ui, { api, entity: resourceEntity });
}
