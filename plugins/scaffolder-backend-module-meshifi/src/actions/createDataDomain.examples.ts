import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from '../lib/stepExample';

export const examples: TemplateExample[] = [
  stepExample('Writes the manifest of the sales domain', {
    id: 'domain',
    action: 'meshifi:datadomain:create',
    name: 'Describe the domain',
    input: {
      name: 'sales',
      title: 'Sales',
      owner: 'group:default/sales-analytics',
      gcpProject: 'acme-sales-data',
    },
  }),
];
