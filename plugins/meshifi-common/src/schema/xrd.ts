import { MESHIFI_GROUP, MESHIFI_VERSION } from '../constants';
import { dataDomainSpecSchema } from './dataDomainSchema';
import {
  dataProductSpecSchema,
  dataProductStatusSchema,
} from './dataProductSchema';
import { MeshifiSchema, toKubernetesSchema } from './jsonSchema';

interface XrdOptions {
  kind: string;
  plural: string;
  scope: 'Namespaced' | 'Cluster';
  spec: MeshifiSchema;
  status?: MeshifiSchema;
  printerColumns: Array<{ name: string; type: string; jsonPath: string }>;
}

function compositeResourceDefinition(options: XrdOptions) {
  return {
    apiVersion: 'apiextensions.crossplane.io/v2',
    kind: 'CompositeResourceDefinition',
    metadata: { name: `${options.plural}.${MESHIFI_GROUP}` },
    spec: {
      scope: options.scope,
      group: MESHIFI_GROUP,
      names: {
        kind: options.kind,
        plural: options.plural,
        categories: ['meshifi', 'crossplane', 'composite'],
      },
      versions: [
        {
          name: MESHIFI_VERSION,
          served: true,
          referenceable: true,
          additionalPrinterColumns: options.printerColumns,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              required: ['spec'],
              properties: {
                spec: toKubernetesSchema(options.spec),
                ...(options.status
                  ? { status: toKubernetesSchema(options.status) }
                  : {}),
              },
            },
          },
        },
      ],
    },
  };
}

/** The DataProduct XRD (namespaced, Crossplane v2). Generated, never edited by hand. */
export function dataProductXrd() {
  return compositeResourceDefinition({
    kind: 'DataProduct',
    plural: 'dataproducts',
    scope: 'Namespaced',
    spec: dataProductSpecSchema,
    status: dataProductStatusSchema,
    printerColumns: [
      { name: 'VERSION', type: 'string', jsonPath: '.spec.info.version' },
      { name: 'DOMAIN', type: 'string', jsonPath: '.spec.domain' },
      { name: 'PROJECT', type: 'string', jsonPath: '.status.project' },
    ],
  });
}

/** The DataDomain XRD (cluster-scoped, Crossplane v2). Generated, never edited by hand. */
export function dataDomainXrd() {
  return compositeResourceDefinition({
    kind: 'DataDomain',
    plural: 'datadomains',
    scope: 'Cluster',
    spec: dataDomainSpecSchema,
    printerColumns: [
      { name: 'OWNER', type: 'string', jsonPath: '.spec.owner' },
      { name: 'PROJECT', type: 'string', jsonPath: '.spec.gcpProject' },
    ],
  });
}
