import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Publishes the manifest a previous step wrote',
    example: stringify({
      steps: [
        {
          id: 'publish',
          action: 'meshifi:gitops:publish',
          name: 'Publish to the GitOps repository',
          input: {
            filePath: '${{ steps.product.output.filePath }}',
            message: 'Add the data product customer-orders',
          },
        },
      ],
    }),
  },
];
