import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from '../lib/stepExample';

export const examples: TemplateExample[] = [
  stepExample(
    'Asks the owners of customer-orders for read access to its curated layer for the finance team',
    {
      id: 'request',
      action: 'meshifi:access:request',
      name: 'Ask the owners',
      input: {
        product: 'dataproduct:default/customer-orders',
        consumer: 'group:default/finance',
        layer: 'curated',
        purpose: 'Reconcile invoices with the orders they bill',
        expires: '2099-12-31',
      },
    },
  ),
  stepExample(
    'Writes the grant of the same access into the workspace, for a pull request the owners review',
    {
      id: 'request',
      action: 'meshifi:access:request',
      name: 'Write the grant',
      input: {
        product: 'dataproduct:default/customer-orders',
        consumer: 'group:default/finance',
        purpose: 'Reconcile invoices with the orders they bill',
        expires: '2099-12-31',
        approval: 'pull-request',
      },
    },
  ),
];
