import { Capability } from '../capabilities/Capability';
import {
  capabilitiesSpecSchema,
  capabilitiesStatusSchema,
} from '../capabilities/capabilitiesSchema';
import { KINDS, KubernetesKind } from '../model/kinds';
import {
  dataAccessSpecSchema,
  dataAccessStatusSchema,
} from './dataAccessSchema';
import { dataDomainSpecSchema } from './dataDomainSchema';
import {
  dataProductSpecSchema,
  dataProductStatusSchema,
} from './dataProductSchema';
import { MeshifiSchema, toKubernetesSchema } from './jsonSchema';

interface XrdOptions {
  kind: KubernetesKind;
  spec: MeshifiSchema;
  status?: MeshifiSchema;
  printerColumns: Array<{ name: string; type: string; jsonPath: string }>;
}

function compositeResourceDefinition(options: XrdOptions) {
  const { kind } = options;
  return {
    apiVersion: 'apiextensions.crossplane.io/v2',
    kind: 'CompositeResourceDefinition',
    metadata: { name: `${kind.plural}.${kind.group}` },
    spec: {
      scope: kind.scope,
      group: kind.group,
      names: {
        kind: kind.kind,
        plural: kind.plural,
        categories: ['meshifi', 'crossplane', 'composite'],
      },
      versions: [
        {
          name: kind.version,
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

/**
 * The DataProduct XRD (namespaced, Crossplane v2). Generated, never edited by
 * hand. `capabilities` replaces the registry's under spec.capabilities and
 * status.capabilities (a test's own).
 */
export function dataProductXrd(capabilities?: readonly Capability[]) {
  const withCapabilities = (
    schema: MeshifiSchema,
    fragment: (list: readonly Capability[]) => MeshifiSchema,
  ): MeshifiSchema =>
    capabilities
      ? {
          ...schema,
          properties: {
            ...schema.properties,
            capabilities: fragment(capabilities),
          },
        }
      : schema;
  return compositeResourceDefinition({
    kind: KINDS.dataProduct,
    spec: withCapabilities(dataProductSpecSchema, capabilitiesSpecSchema),
    status: withCapabilities(dataProductStatusSchema, capabilitiesStatusSchema),
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
    kind: KINDS.dataDomain,
    spec: dataDomainSpecSchema,
    printerColumns: [
      { name: 'OWNER', type: 'string', jsonPath: '.spec.owner' },
      { name: 'PROJECT', type: 'string', jsonPath: '.spec.gcpProject' },
    ],
  });
}

/** The DataAccess XRD (namespaced, Crossplane v2). Generated, never edited by hand. */
export function dataAccessXrd() {
  return compositeResourceDefinition({
    kind: KINDS.dataAccess,
    spec: dataAccessSpecSchema,
    status: dataAccessStatusSchema,
    printerColumns: [
      { name: 'PRODUCT', type: 'string', jsonPath: '.spec.product' },
      { name: 'LAYER', type: 'string', jsonPath: '.spec.layer' },
      { name: 'CONSUMER', type: 'string', jsonPath: '.spec.consumer.email' },
      { name: 'EXPIRES', type: 'string', jsonPath: '.spec.expires' },
    ],
  });
}
