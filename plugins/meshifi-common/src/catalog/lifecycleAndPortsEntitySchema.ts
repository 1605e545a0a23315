import { PRODUCT_STATUSES } from '../lifecycle/productStatus';
import {
  PRODUCT_NAME_MAX_LENGTH,
  PRODUCT_NAME_PATTERN,
} from '../naming/productName';
import { PORT_NAME_MAX_LENGTH, PORT_NAME_PATTERN } from '../schema/portsSchema';

const portName = {
  type: 'string',
  maxLength: PORT_NAME_MAX_LENGTH,
  pattern: PORT_NAME_PATTERN,
};
const productName = {
  type: 'string',
  maxLength: PRODUCT_NAME_MAX_LENGTH,
  pattern: PRODUCT_NAME_PATTERN,
};

/**
 * The lifecycle and port fields of a DataProduct entity's spec, in the kind
 * schema. A product made from a manifest was validated as a manifest first;
 * a DataProduct entity written by hand in a catalog file was not, and the
 * catalog reads its port names to relate it to its API entities and the
 * products it reads, and search reads its columns. So the schema holds what
 * they read to what a manifest may say, and the catalog refuses the rest
 * naming the field.
 */
export const lifecycleAndPortsEntitySchema = {
  status: { enum: [...PRODUCT_STATUSES] },
  deprecation: {
    type: 'object',
    required: ['date'],
    properties: {
      date: { type: 'string' },
      replacedBy: productName,
      reason: { type: 'string' },
    },
  },
  outputPorts: {
    type: 'array',
    items: {
      type: 'object',
      required: ['name', 'contract'],
      properties: {
        name: portName,
        description: { type: 'string' },
        contract: {
          type: 'object',
          required: ['columns'],
          properties: {
            columns: {
              type: 'array',
              items: {
                type: 'object',
                required: ['name', 'type'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  type: { type: 'string', minLength: 1 },
                  mode: { type: 'string' },
                  description: { type: 'string' },
                  personalData: { type: 'boolean' },
                },
              },
            },
          },
        },
      },
    },
  },
  inputPorts: {
    type: 'array',
    items: {
      type: 'object',
      required: ['product', 'port'],
      properties: { product: productName, port: portName },
    },
  },
};
