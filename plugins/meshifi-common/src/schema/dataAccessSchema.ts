import {
  ACCESS_LEVELS,
  DEFAULT_ACCESS_POLICY,
  MEDALLION_LAYERS,
} from '../constants';
import {
  PRODUCT_NAME_MAX_LENGTH,
  PRODUCT_NAME_MIN_LENGTH,
  PRODUCT_NAME_PATTERN,
} from '../naming/productName';
import { MeshifiSchema } from './jsonSchema';
import { CONSUMER_REF_PATTERN, DATE_PATTERN, EMAIL_PATTERN } from './patterns';

/**
 * Fields that say what was approved: whom, on which data, at which level.
 * Changing one would be another grant, which needs its own approval.
 */
const approved = (what: string) => [
  {
    rule: 'self == oldSelf',
    message: `The ${what} of a grant cannot change: request a new grant instead.`,
  },
];

/**
 * `spec` of a DataAccess: who may read which layer of a data product, why,
 * and until which day. The single source of truth: the XRD and all
 * validation derive from it.
 */
export const dataAccessSpecSchema: MeshifiSchema = {
  type: 'object',
  description:
    'Access for a person, group or service account to one layer of a data product in this namespace, until a day.',
  required: ['product', 'consumer', 'purpose', 'expires'],
  properties: {
    product: {
      type: 'string',
      title: 'Data product',
      description:
        'The name of the DataProduct, in the same namespace as this grant.',
      minLength: PRODUCT_NAME_MIN_LENGTH,
      maxLength: PRODUCT_NAME_MAX_LENGTH,
      pattern: PRODUCT_NAME_PATTERN,
      'x-kubernetes-validations': approved('data product'),
      'x-meshifi-message':
        'Name the data product as its manifest does, for example "customer-orders".',
    },
    consumer: {
      type: 'object',
      title: 'Consumer',
      description:
        'Who gets access: a person, a Google group, or the service account of another data product.',
      required: ['type', 'email'],
      properties: {
        type: {
          type: 'string',
          title: 'Consumer type',
          enum: ['user', 'group', 'serviceAccount'],
          'x-meshifi-message':
            'Say whether the consumer is a user, a group or a serviceAccount.',
        },
        email: {
          type: 'string',
          title: 'Consumer email',
          maxLength: 254,
          pattern: EMAIL_PATTERN,
          'x-meshifi-message':
            'Give the email of the person, group or service account, such as ana@example.com.',
        },
        entityRef: {
          type: 'string',
          title: 'Catalog entity',
          description:
            'The catalog user, group or data product the consumer was chosen as, e.g. group:default/marketing.',
          maxLength: 253,
          pattern: CONSUMER_REF_PATTERN,
          'x-meshifi-message':
            'Give the catalog user, group or data product as an entity ref, such as group:default/marketing.',
        },
      },
      'x-kubernetes-validations': approved('consumer'),
    },
    layer: {
      type: 'string',
      title: 'Layer',
      description: `The layer of the product to read; which layers may be shared is the platform's setting (${DEFAULT_ACCESS_POLICY.shareableLayers.join(
        ', ',
      )} unless it says otherwise).`,
      enum: [...MEDALLION_LAYERS],
      default: 'curated',
      'x-kubernetes-validations': approved('layer'),
      'x-meshifi-message': `Use one of the layers: ${MEDALLION_LAYERS.join(
        ', ',
      )}.`,
    },
    level: {
      type: 'string',
      title: 'Access level',
      description:
        'read: query the tables of the layer (BigQuery Data Viewer).',
      enum: [...ACCESS_LEVELS],
      default: 'read',
      'x-kubernetes-validations': approved('access level'),
      'x-meshifi-message': `Use one of the access levels: ${ACCESS_LEVELS.join(
        ', ',
      )}.`,
    },
    purpose: {
      type: 'string',
      title: 'Purpose',
      description: 'Why the consumer needs the data, in a sentence or two.',
      minLength: 10,
      maxLength: 1000,
      'x-meshifi-message':
        'Say in 10 to 1,000 characters why the consumer needs the data.',
    },
    expires: {
      type: 'string',
      title: 'Expiry date',
      description:
        'The last day of access, YYYY-MM-DD: access ends when that day ends (UTC).',
      pattern: DATE_PATTERN,
      'x-meshifi-message':
        'Give the last day of access as YYYY-MM-DD, such as 2027-03-31.',
    },
  },
};

/** `status` that the composition function reports on a DataAccess. */
export const dataAccessStatusSchema: MeshifiSchema = {
  type: 'object',
  properties: {
    project: {
      type: 'string',
      description: "The GCP project of the product's dataset.",
    },
    datasetId: { type: 'string', description: 'The dataset granted.' },
    member: { type: 'string', description: 'The IAM member granted to.' },
    role: { type: 'string', description: 'The IAM role granted.' },
    endsAt: {
      type: 'string',
      description: 'When the access ends, in UTC (RFC 3339).',
    },
  },
};
