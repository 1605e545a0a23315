import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Writes the manifest of a product in the sales domain with a team and a person as owners',
    example: stringify({
      steps: [
        {
          id: 'product',
          action: 'meshifi:dataproduct:create',
          name: 'Describe the data product',
          input: {
            name: 'customer-orders',
            title: 'Customer orders',
            description: 'Every order placed in the web shop',
            domain: 'domain:default/sales',
            owners: ['group:default/sales-analytics', 'user:default/ana'],
            version: '0.1.0',
            location: 'EU',
          },
        },
      ],
    }),
  },
];
