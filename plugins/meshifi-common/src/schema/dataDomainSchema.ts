import { PRODUCT_NAME_PATTERN } from '../naming/productName';
import { MeshifiSchema } from './jsonSchema';
import { GCP_PROJECT_PATTERN, OWNER_REF_PATTERN } from './patterns';

/**
 * `spec` of a DataDomain: a group of data products with one owner, living in
 * one GCP project.
 */
export const dataDomainSpecSchema: MeshifiSchema = {
  type: 'object',
  description: 'A business domain and the GCP project its products live in.',
  required: ['owner', 'gcpProject'],
  properties: {
    title: {
      type: 'string',
      title: 'Title',
      maxLength: 100,
      'x-meshifi-message': 'Keep the title to 100 characters.',
    },
    description: {
      type: 'string',
      title: 'Description',
      maxLength: 2000,
      'x-meshifi-message': 'Keep the description to 2,000 characters.',
    },
    owner: {
      type: 'string',
      title: 'Owner',
      description:
        'The Backstage group (or user) that owns the domain, e.g. group:default/sales.',
      maxLength: 253,
      pattern: OWNER_REF_PATTERN,
      'x-meshifi-message':
        'Name the owning team as a Backstage group, such as group:default/sales-analytics.',
    },
    gcpProject: {
      type: 'string',
      title: 'GCP project',
      description: "The Google Cloud project of the domain's datasets.",
      pattern: GCP_PROJECT_PATTERN,
      'x-kubernetes-validations': [
        {
          rule: 'self == oldSelf',
          message:
            'The GCP project of a domain cannot change: its datasets would be left behind.',
        },
      ],
      'x-meshifi-message':
        'Use a Google Cloud project id: 6 to 30 lower-case letters, digits and dashes, starting with a letter.',
    },
  },
};

/** A domain's name is a Kubernetes namespace name too. */
export const DOMAIN_NAME_PATTERN = PRODUCT_NAME_PATTERN;
