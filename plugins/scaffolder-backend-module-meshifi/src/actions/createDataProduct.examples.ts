import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from '../lib/stepExample';

const step = {
  id: 'product',
  action: 'meshifi:dataproduct:create',
  name: 'Describe the data product',
};

export const examples: TemplateExample[] = [
  stepExample(
    'Writes the manifest of a product in the sales domain with a team and a person as owners',
    {
      ...step,
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
  ),
  stepExample(
    "Writes the manifest of a product owned by one team, naming the domain by its name alone, in the platform's BigQuery location",
    {
      ...step,
      input: {
        name: 'refunds',
        domain: 'sales',
        owners: ['group:default/sales-analytics'],
        version: '1.0.0',
      },
    },
  ),
  stepExample(
    'Writes the manifest of a product that offers a table of orders, with its columns, key and refresh: its first output port and data contract',
    {
      ...step,
      input: {
        name: 'web-orders',
        domain: 'domain:default/sales',
        owners: ['group:default/sales-analytics'],
        version: '1.0.0',
        outputPort: {
          name: 'orders',
          description: 'One row per order placed in the web shop',
          columns: [
            { name: 'order_id', type: 'STRING', required: true },
            { name: 'customer_email', type: 'STRING', personalData: true },
            { name: 'amount', type: 'NUMERIC', description: 'In euros' },
          ],
          primaryKey: ['order_id'],
          refreshEvery: '1d',
        },
      },
    },
  ),
];
