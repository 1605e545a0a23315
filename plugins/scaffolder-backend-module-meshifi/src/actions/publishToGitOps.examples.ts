import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from '../lib/stepExample';

const step = {
  id: 'publish',
  action: 'meshifi:gitops:publish',
  name: 'Publish to the GitOps repository',
};

export const examples: TemplateExample[] = [
  stepExample('Publishes the manifest a previous step wrote', {
    ...step,
    input: {
      filePath: '${{ steps.product.output.filePath }}',
      message: 'Add the data product customer-orders',
    },
  }),
  stepExample(
    'Publishes a manifest at its place in the workspace, with the default commit message',
    {
      ...step,
      input: { filePath: 'domains/sales/products/customer-orders.yaml' },
    },
  ),
];
