import {
  PRODUCT_NAME_MAX_LENGTH,
  PRODUCT_NAME_MIN_LENGTH,
  PRODUCT_NAME_PATTERN,
} from '../naming/productName';
import {
  capabilitiesSpecSchema,
  capabilitiesStatusSchema,
} from '../capabilities/capabilitiesSchema';
import { MeshifiSchema } from './jsonSchema';
import { lifecycleAndPortsSchema, outputPortSchema } from './portsSchema';
import { LOCATION_PATTERN, OWNER_PATTERN, SEMVER_PATTERN } from './patterns';

const NAME_MESSAGE = `Use ${PRODUCT_NAME_MIN_LENGTH} to ${PRODUCT_NAME_MAX_LENGTH} lower-case letters (a-z), digits and dashes, starting with a letter and not ending with a dash, for example "customer-orders".`;

/** Fields named here decide GCP ids or placement: changing them would orphan data. */
const unchangeable = (what: string, why: string) => [
  { rule: 'self == oldSelf', message: `The ${what} cannot change: ${why}` },
];

/**
 * `spec` of a DataProduct: the seed's interface (`info.name`,
 * `info.version`, `access.owners`) and a few optional additions.
 * The single source of truth: the XRD and all validation derive from it.
 */
export const dataProductSpecSchema: MeshifiSchema = {
  type: 'object',
  description: 'What the data product is and who may act for it.',
  required: ['info', 'access'],
  properties: {
    info: {
      type: 'object',
      title: 'Product information',
      required: ['name', 'version'],
      properties: {
        name: {
          type: 'string',
          title: 'Product name',
          description:
            'Names the datasets and the service account. Must equal metadata.name.',
          minLength: PRODUCT_NAME_MIN_LENGTH,
          maxLength: PRODUCT_NAME_MAX_LENGTH,
          pattern: PRODUCT_NAME_PATTERN,
          'x-kubernetes-validations': unchangeable(
            'product name',
            'its datasets and service account are named after it.',
          ),
          'x-meshifi-message': NAME_MESSAGE,
        },
        version: {
          type: 'string',
          title: 'Version',
          description: 'The semantic version of the product, e.g. 0.1.0.',
          maxLength: 64,
          pattern: SEMVER_PATTERN,
          'x-meshifi-message':
            'Use a semantic version: three numbers separated by dots, such as 0.1.0 or 1.2.3.',
        },
        title: {
          type: 'string',
          title: 'Title',
          description: 'A human-friendly name shown in the catalog.',
          maxLength: 100,
          'x-meshifi-message': 'Keep the title to 100 characters.',
        },
        description: {
          type: 'string',
          title: 'Description',
          description: 'What the data is and who it is for.',
          maxLength: 2000,
          'x-meshifi-message': 'Keep the description to 2,000 characters.',
        },
      },
    },
    access: {
      type: 'object',
      title: 'Access',
      required: ['owners'],
      properties: {
        owners: {
          type: 'array',
          title: 'Owners',
          description:
            'Who may impersonate the service account: a person\'s email, or a Google group\'s email after "group:".',
          minItems: 1,
          maxItems: 50,
          'x-kubernetes-list-type': 'set',
          'x-meshifi-message':
            'Name between 1 and 50 owners, each once, by email.',
          items: {
            type: 'string',
            title: 'Owner email',
            maxLength: 260,
            pattern: OWNER_PATTERN,
            'x-meshifi-message':
              'Give each owner as an email address, such as ana@example.com, or a Google group as group:sales@example.com.',
          },
        },
      },
    },
    domain: {
      type: 'string',
      title: 'Domain',
      description: 'The DataDomain the product belongs to.',
      maxLength: PRODUCT_NAME_MAX_LENGTH,
      pattern: PRODUCT_NAME_PATTERN,
      'x-kubernetes-validations': unchangeable(
        'domain',
        'the datasets live in the GCP project of their domain.',
      ),
      'x-meshifi-message': `Pick one of the existing domains. ${NAME_MESSAGE}`,
    },
    location: {
      type: 'string',
      title: 'Dataset location',
      description:
        'Where BigQuery keeps the datasets: US, EU or a region such as europe-west2. The platform default when left out.',
      maxLength: 40,
      pattern: LOCATION_PATTERN,
      'x-kubernetes-validations': unchangeable(
        'dataset location',
        'BigQuery cannot move a dataset.',
      ),
      'x-meshifi-message':
        'Use US, EU or a Google Cloud region such as europe-west2.',
    },
    ...lifecycleAndPortsSchema,
    capabilities: capabilitiesSpecSchema(),
  },
  'x-kubernetes-validations': [
    {
      rule: 'has(self.domain) == has(oldSelf.domain)',
      message:
        'The domain cannot be added or removed after creation: the datasets live in the GCP project of their domain.',
    },
    {
      rule: 'has(self.location) == has(oldSelf.location)',
      message:
        'The dataset location cannot be added or removed after creation: BigQuery cannot move a dataset.',
    },
  ],
};

/** `status` that the composition function reports on a DataProduct. */
export const dataProductStatusSchema: MeshifiSchema = {
  type: 'object',
  properties: {
    project: { type: 'string', description: 'The GCP project.' },
    serviceAccountEmail: {
      type: 'string',
      description: 'The service account that writes to the datasets.',
    },
    datasets: {
      type: 'array',
      'x-kubernetes-list-type': 'atomic',
      items: {
        type: 'object',
        properties: {
          layer: { type: 'string' },
          datasetId: { type: 'string' },
          location: { type: 'string' },
        },
      },
    },
    acceptedVersion: {
      type: 'string',
      description:
        'The version whose output ports were last composed: the base of the version rule.',
    },
    acceptedPorts: {
      type: 'array',
      description: 'The output ports as last composed.',
      'x-kubernetes-list-type': 'atomic',
      items: outputPortSchema,
    },
    capabilities: capabilitiesStatusSchema(),
  },
};
