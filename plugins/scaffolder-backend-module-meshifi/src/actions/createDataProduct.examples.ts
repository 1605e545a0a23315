import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Writes the DataProduct for a product with one owner',
    example: stringify({
      steps: [
        {
          id: 'dataproduct',
          action: 'meshifi:dataproduct:create',
          name: 'Create the data product',
          input: {
            name: 'customer-orders',
            version: '0.1.0',
            owners: ['ana@example.com'],
          },
        },
      ],
    }),
  },
];
