import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Give an active grant two more hours.',
    example: yaml.stringify({
      steps: [
        {
          id: 'extend-access',
          name: 'Extend AWS access',
          action: 'aws:access:extend',
          input: {
            grantId: '3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
            durationMinutes: 120,
            reason: 'The migration runs longer than planned',
          },
        },
      ],
    }),
  },
];
