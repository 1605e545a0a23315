import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Writes the manifest of the sales domain',
    example: stringify({
      steps: [
        {
          id: 'domain',
          action: 'meshifi:datadomain:create',
          name: 'Describe the domain',
          input: {
            name: 'sales',
            title: 'Sales',
            owner: 'group:default/sales-analytics',
            gcpProject: 'acme-sales-data',
          },
        },
      ],
    }),
  },
];
