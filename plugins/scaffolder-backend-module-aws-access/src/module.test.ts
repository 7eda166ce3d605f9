import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  TemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleAwsAccess } from './module';

describe('scaffolderModuleAwsAccess', () => {
  it('adds the three actions with their schemas and examples', async () => {
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
  });
});
