import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stepExample } from '../lib/stepExample';

/** A small ODCS v3 contract of a table of orders, as a team might write it. */
export const ORDERS_CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: web-orders-orders
name: Orders
version: 1.2.0
status: active
dataProduct: Web orders
description:
  purpose: Every order placed in the web shop
schema:
  - name: orders
    description: One row per order
    properties:
      - name: order_id
        logicalType: string
        physicalType: STRING
        required: true
        primaryKey: true
      - name: amount
        logicalType: number
        physicalType: NUMERIC
      - name: ordered_at
        logicalType: timestamp
        physicalType: TIMESTAMP
        required: true
slaProperties:
  - property: frequency
    value: 1
    unit: d
`;

/** A file as the form's file field gives it: a data URL with its name. */
export const dataUrlOf = (text: string, name = 'orders.odcs.yaml') =>
  `data:application/x-yaml;name=${encodeURIComponent(
    name,
  )};base64,${Buffer.from(text, 'utf8').toString('base64')}`;

const step = {
  id: 'contract',
  action: 'meshifi:contract:import',
  name: 'Read the data contract',
};

export const examples: TemplateExample[] = [
  stepExample(
    "Reads the contract file chosen on the form (in a template: contract: ${{ parameters.contract }}) as the product's output port",
    { ...step, input: { contract: dataUrlOf(ORDERS_CONTRACT) } },
  ),
];
