import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from '../lib/stepExample';

export const examples: TemplateExample[] = [
  stepExample(
    'Gives the values of the starter dbt project of the product the create step wrote, for a fetch:template step',
    {
      id: 'dbt-values',
      action: 'meshifi:dbt:starter-values',
      name: 'Prepare the starter dbt project',
      input: {
        manifest: '${{ steps.product.output.manifest }}',
        project: '${{ steps.product.output.project }}',
      },
    },
  ),
];
