import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from '../lib/stepExample';

const step = {
  id: 'dbt-publish',
  action: 'meshifi:dbt:publish-starter',
  name: 'Add the starter dbt project',
};

export const examples: TemplateExample[] = [
  stepExample(
    "Commits the starter project a fetch:template step rendered into dbt-starter to the folder the product's manifest names",
    {
      ...step,
      input: {
        manifest: '${{ steps.product.output.manifest }}',
        sourcePath: 'dbt-starter',
        message: 'Add the starter dbt project of customer-orders',
      },
    },
  ),
  stepExample(
    'Commits the starter project from the default folder dbt-starter, with the default message',
    { ...step, input: { manifest: '${{ steps.product.output.manifest }}' } },
  ),
];
