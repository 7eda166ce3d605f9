import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Revoke a grant before it expires.',
    example: yaml.stringify({
      steps: [
        {
          id: 'revoke-access',
          name: 'Revoke AWS access',
          action: 'aws:access:revoke',
          input: {
            grantId: '3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
            reason: 'Incident closed',
          },
        },
      ],
    }),
  },
];
