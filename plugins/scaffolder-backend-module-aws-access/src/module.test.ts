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

import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  TemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleAwsAccess } from './module';

describe('scaffolderModuleAwsAccess', () => {
  it('adds the four actions with their schemas and examples', async () => {
    const added: TemplateAction<any, any>[] = [];

    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...actions: TemplateAction<any, any>[]) =>
              added.push(...actions),
          },
        ],
      ],
      features: [scaffolderModuleAwsAccess, catalogServiceMock.factory()],
    });

    expect(added.map(a => a.id)).toEqual([
      'aws:access:request',
      'aws:access:revoke',
      'aws:access:extend',
      'aws:access:request-bundle',
    ]);
    // What the scaffolder's installed-actions page shows for each action.
    for (const action of added) {
      expect(action.description).toEqual(expect.any(String));
      expect(action.examples?.length).toBeGreaterThan(0);
      expect(action.schema?.input).toMatchObject({ type: 'object' });
      expect(action.schema?.output).toMatchObject({ type: 'object' });
    }
    expect(added[0].schema?.input).toMatchObject({
      required: ['actions', 'durationMinutes', 'reason'],
      properties: {
        entityRef: { type: 'string' },
        waitForActive: { type: 'boolean', default: true },
        timeoutSeconds: { default: 120, maximum: 600 },
      },
    });
    expect(added[3].schema?.input).toMatchObject({
      required: ['targets', 'durationMinutes', 'reason'],
      properties: { targets: { type: 'array', maxItems: 20 } },
    });
  });
});
