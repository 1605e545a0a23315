import {
  PRODUCT_NAME_MAX_LENGTH,
  PRODUCT_NAME_PATTERN,
} from '../naming/productName';
import { BIGQUERY_COLUMN_TYPES, COLUMN_MODES } from '../contract/bigQueryTypes';
import { PRODUCT_STATUSES } from '../lifecycle/productStatus';
import { MeshifiSchema } from './jsonSchema';
import { DATE_PATTERN } from './patterns';

/**
 * An output port's name is its BigQuery table id and part of its catalog
 * entity's name: lower-case letters, digits and single underscores, starting
 * with a letter, e.g. `orders_by_day`.
 */
export const PORT_NAME_PATTERN = '^[a-z][a-z0-9]*(_[a-z0-9]+)*$';
export const PORT_NAME_MAX_LENGTH = 63;

/** A BigQuery column name: letters, digits and underscores, not starting with a digit. */
export const COLUMN_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$';
export const COLUMN_NAME_MAX_LENGTH = 300;

/** A duration of minutes, hours or days: `30m`, `1h`, `7d`. */
export const DURATION_PATTERN = '^[1-9][0-9]{0,3}[mhd]$';

export const MAX_OUTPUT_PORTS = 20;
export const MAX_INPUT_PORTS = 50;
export const MAX_COLUMNS = 200;
export const MAX_QUALITY_RULES = 50;

const PORT_NAME_MESSAGE =
  'Name the table with lower-case letters, digits and single underscores, starting with a letter, for example "orders_by_day".';

const durationSchema = (title: string): MeshifiSchema => ({
  type: 'string',
  title,
  maxLength: 5,
  pattern: DURATION_PATTERN,
  'x-meshifi-message':
    'Give a number of minutes, hours or days, such as 30m, 1h or 1d.',
});

const columnSchema: MeshifiSchema = {
  type: 'object',
  title: 'Column',
  required: ['name', 'type'],
  properties: {
    name: {
      type: 'string',
      title: 'Column name',
      minLength: 1,
      maxLength: COLUMN_NAME_MAX_LENGTH,
      pattern: COLUMN_NAME_PATTERN,
      'x-meshifi-message':
        'Name a column with letters, digits and underscores, not starting with a digit, for example "order_id".',
    },
    type: {
      type: 'string',
      title: 'Column type',
      enum: [...BIGQUERY_COLUMN_TYPES],
      'x-meshifi-message': `Pick one of the BigQuery types: ${BIGQUERY_COLUMN_TYPES.join(
        ', ',
      )}.`,
    },
    mode: {
      type: 'string',
      title: 'Column mode',
      enum: [...COLUMN_MODES],
      'x-meshifi-message':
        'Use NULLABLE (may be empty), REQUIRED (always set) or REPEATED (a list).',
    },
    description: {
      type: 'string',
      title: 'Column description',
      maxLength: 1024,
      'x-meshifi-message': 'Keep a column description to 1,024 characters.',
    },
    personalData: {
      type: 'boolean',
      title: 'Personal data',
      description: 'Whether the column holds personal data.',
    },
  },
};

const qualityRuleSchema: MeshifiSchema = {
  type: 'object',
  title: 'Quality rule',
  required: ['rule'],
  properties: {
    rule: {
      type: 'string',
      title: 'Quality rule',
      enum: ['notNull', 'unique', 'rowCountAbove'],
      'x-meshifi-message':
        'Use notNull or unique with a column, or rowCountAbove with a number.',
    },
    column: {
      type: 'string',
      title: 'Quality rule column',
      maxLength: COLUMN_NAME_MAX_LENGTH,
    },
    value: {
      type: 'integer',
      title: 'Quality rule value',
    },
  },
};

export const outputPortSchema: MeshifiSchema = {
  type: 'object',
  title: 'Output port',
  required: ['name', 'contract'],
  properties: {
    name: {
      type: 'string',
      title: 'Table name',
      minLength: 1,
      maxLength: PORT_NAME_MAX_LENGTH,
      pattern: PORT_NAME_PATTERN,
      'x-meshifi-message': PORT_NAME_MESSAGE,
    },
    description: {
      type: 'string',
      title: 'Table description',
      maxLength: 2000,
      'x-meshifi-message': 'Keep a table description to 2,000 characters.',
    },
    contract: {
      type: 'object',
      title: 'Data contract',
      required: ['columns'],
      properties: {
        columns: {
          type: 'array',
          title: 'Columns',
          minItems: 1,
          maxItems: MAX_COLUMNS,
          'x-kubernetes-list-type': 'atomic',
          'x-meshifi-message': `Give the table between 1 and ${MAX_COLUMNS} columns.`,
          items: columnSchema,
        },
        primaryKey: {
          type: 'array',
          title: 'Primary key',
          maxItems: 16,
          'x-kubernetes-list-type': 'atomic',
          'x-meshifi-message': 'Name at most 16 columns as the primary key.',
          items: {
            type: 'string',
            title: 'Primary key column',
            maxLength: COLUMN_NAME_MAX_LENGTH,
          },
        },
        freshness: {
          type: 'object',
          title: 'Freshness',
          required: ['refreshEvery'],
          properties: {
            refreshEvery: durationSchema('Refreshed every'),
            maxDelay: durationSchema('Late by at most'),
          },
        },
        quality: {
          type: 'array',
          title: 'Quality rules',
          maxItems: MAX_QUALITY_RULES,
          'x-kubernetes-list-type': 'atomic',
          'x-meshifi-message': `List at most ${MAX_QUALITY_RULES} quality rules.`,
          items: qualityRuleSchema,
        },
      },
    },
  },
};

const inputPortSchema: MeshifiSchema = {
  type: 'object',
  title: 'Input port',
  required: ['product', 'port'],
  properties: {
    product: {
      type: 'string',
      title: 'Product read',
      maxLength: PRODUCT_NAME_MAX_LENGTH,
      pattern: PRODUCT_NAME_PATTERN,
      'x-meshifi-message':
        'Name the product this one reads, e.g. "customer-orders".',
    },
    port: {
      type: 'string',
      title: 'Table read',
      maxLength: PORT_NAME_MAX_LENGTH,
      pattern: PORT_NAME_PATTERN,
      'x-meshifi-message': PORT_NAME_MESSAGE,
    },
  },
};

/** The lifecycle and port fields of a DataProduct's spec. */
export const lifecycleAndPortsSchema: Record<string, MeshifiSchema> = {
  status: {
    type: 'string',
    title: 'Status',
    description:
      'Where the product is in its life: proposed, active, deprecated or retired. Active when left out.',
    enum: [...PRODUCT_STATUSES],
    'x-meshifi-message': 'Use proposed, active, deprecated or retired.',
  },
  deprecation: {
    type: 'object',
    title: 'Deprecation',
    description:
      'Until when a deprecated product is served, and what replaces it or why it goes.',
    required: ['date'],
    properties: {
      date: {
        type: 'string',
        title: 'Last day',
        pattern: DATE_PATTERN,
        maxLength: 10,
        'x-meshifi-message':
          'Give the last day as YYYY-MM-DD, e.g. 2027-06-30.',
      },
      replacedBy: {
        type: 'string',
        title: 'Replaced by',
        maxLength: PRODUCT_NAME_MAX_LENGTH,
        pattern: PRODUCT_NAME_PATTERN,
        'x-meshifi-message': 'Name the product that replaces this one.',
      },
      reason: {
        type: 'string',
        title: 'Reason',
        maxLength: 500,
        'x-meshifi-message': 'Keep the reason to 500 characters.',
      },
    },
  },
  outputPorts: {
    type: 'array',
    title: 'Output ports',
    description:
      'The tables the product offers in its curated dataset, each with its data contract.',
    maxItems: MAX_OUTPUT_PORTS,
    'x-kubernetes-list-type': 'atomic',
    'x-meshifi-message': `Offer at most ${MAX_OUTPUT_PORTS} tables.`,
    items: outputPortSchema,
  },
  inputPorts: {
    type: 'array',
    title: 'Input ports',
    description: "The other products' tables this product reads.",
    maxItems: MAX_INPUT_PORTS,
    'x-kubernetes-list-type': 'atomic',
    'x-meshifi-message': `Read at most ${MAX_INPUT_PORTS} tables of other products.`,
    items: inputPortSchema,
  },
};
