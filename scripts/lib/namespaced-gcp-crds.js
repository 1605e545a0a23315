// Derives the Crossplane v2 namespaced GCP provider CRDs (*.gcp.m.upbound.io)
// from the cluster-scoped ones (*.gcp.upbound.io) of provider-gcp v1.
//
// Why: the namespaced CRDs ship only with provider-gcp v2, and no v2 version
// is served by the Go module proxy these machines reach; v1.14.0 is. The
// forProvider schemas, which meshifi's compositions fill, come from the same
// Terraform provider schema in both; what changes between v1 and v2 is
// mechanical and done here, as upjet does it for v2:
//   - group X.gcp.upbound.io -> X.gcp.m.upbound.io, scope Namespaced;
//   - only the v1beta1 version, as storage version;
//   - spec.providerConfigRef is {kind, name}, both required;
//   - spec.writeConnectionSecretToRef is {name} (the Secret's namespace is the MR's);
//   - spec.deletionPolicy and spec.publishConnectionDetailsTo are gone;
//   - ProviderConfig becomes namespaced, and ClusterProviderConfig its
//     cluster-scoped twin;
//   - fields Terraform declares as a list of at most one block are one
//     object in v2 (an IAM member's condition, for one); v1's CRDs do not
//     say which, so OBJECT_FIELDS lists those of the kinds meshifi uses, as
//     provider-gcp v2.6.0's CRDs have them.
//
// Usage: node namespaced-gcp-crds.js <provider package/crds dir> <out dir> <file>...
const fs = require('fs');
const path = require('path');
const { parse, stringify } = require('yaml');

const [source, out, ...files] = process.argv.slice(2);

const namespacedGroup = group =>
  group.replace(/\.gcp\.upbound\.io$|^gcp\.upbound\.io$/, g =>
    g === 'gcp.upbound.io' ? 'gcp.m.upbound.io' : '.gcp.m.upbound.io',
  );

function namespaceManagedResourceSpec(spec) {
  const props = spec.properties;
  delete props.deletionPolicy;
  delete props.publishConnectionDetailsTo;
  props.providerConfigRef = {
    default: { kind: 'ClusterProviderConfig', name: 'default' },
    description: props.providerConfigRef.description,
    type: 'object',
    required: ['kind', 'name'],
    properties: {
      kind: { description: 'Kind of the referenced object.', type: 'string' },
      name: { description: 'Name of the referenced object.', type: 'string' },
    },
  };
  if (props.writeConnectionSecretToRef) {
    props.writeConnectionSecretToRef = {
      description: props.writeConnectionSecretToRef.description,
      type: 'object',
      required: ['name'],
      properties: {
        name: { description: 'Name of the secret.', type: 'string' },
      },
    };
  }
}

/** By kind: the fields (from forProvider, initProvider and atProvider) v1 has as a list and v2 as an object. */
const OBJECT_FIELDS = {
  DatasetIAMMember: ['condition'],
  ProjectIAMMember: ['condition'],
  ServiceAccountIAMMember: ['condition'],
  Dataset: [
    'access[].dataset',
    'access[].dataset.dataset',
    'access[].routine',
    'access[].view',
    'defaultEncryptionConfiguration',
    'externalDatasetReference',
  ],
  // Parents before their fields, so that a field is found in its object.
  Table: [
    'encryptionConfiguration',
    'externalDataConfiguration',
    'externalDataConfiguration.avroOptions',
    'externalDataConfiguration.bigtableOptions',
    'externalDataConfiguration.csvOptions',
    'externalDataConfiguration.googleSheetsOptions',
    'externalDataConfiguration.hivePartitioningOptions',
    'externalDataConfiguration.jsonOptions',
    'externalDataConfiguration.parquetOptions',
    'materializedView',
    'rangePartitioning',
    'rangePartitioning.range',
    'tableConstraints',
    'tableConstraints.foreignKeys[].columnReferences',
    'tableConstraints.foreignKeys[].referencedTable',
    'tableConstraints.primaryKey',
    'tableReplicationInfo',
    'timePartitioning',
    'view',
  ],
};

/** The schema a path (`a[].b.c`) names under a parameters schema. */
function schemaAt(parameters, fieldPath) {
  let node = parameters;
  for (const part of fieldPath.split('.')) {
    const list = part.endsWith('[]');
    node = node?.properties?.[list ? part.slice(0, -2) : part];
    if (list) {
      node = node?.items;
    }
  }
  return node;
}

/** Turns the listed list fields into the object their one item is. */
function listsToObjects(version, kind) {
  const root = version.schema.openAPIV3Schema.properties;
  const parameters = [
    root.spec?.properties?.forProvider,
    root.spec?.properties?.initProvider,
    root.status?.properties?.atProvider,
  ].filter(Boolean);
  for (const fieldPath of OBJECT_FIELDS[kind] ?? []) {
    const parent = fieldPath.split('.').slice(0, -1).join('.');
    const name = fieldPath.split('.').pop();
    for (const schema of parameters) {
      const holder = parent ? schemaAt(schema, parent) : schema;
      const field = holder?.properties?.[name];
      if (field?.type === 'array' && field.items?.type === 'object') {
        holder.properties[name] = {
          ...field.items,
          ...(field.description && { description: field.description }),
        };
      }
    }
  }
}

function derive(crd, { kind, plural, scope }) {
  const group = namespacedGroup(crd.spec.group);
  const version =
    crd.spec.versions.find(v => v.name === 'v1beta1') ?? crd.spec.versions[0];
  const spec = version.schema.openAPIV3Schema.properties.spec;
  if (spec.properties.forProvider) {
    namespaceManagedResourceSpec(spec);
    listsToObjects(version, kind);
  }
  return {
    ...crd,
    metadata: {
      name: `${plural}.${group}`,
      annotations: {
        'meshifi.io/derived-from': `${crd.metadata.name} (provider-gcp v1, cluster-scoped)`,
      },
    },
    spec: {
      ...crd.spec,
      group,
      scope,
      names: {
        ...crd.spec.names,
        kind,
        plural,
        listKind: `${kind}List`,
        singular: kind.toLowerCase(),
      },
      versions: [{ ...version, storage: true, served: true }],
    },
  };
}

fs.mkdirSync(out, { recursive: true });
for (const file of files) {
  const crd = parse(fs.readFileSync(path.join(source, file), 'utf8'));
  const { kind, plural } = crd.spec.names;
  const outputs =
    kind === 'ProviderConfig'
      ? [
          derive(structuredClone(crd), { kind, plural, scope: 'Namespaced' }),
          derive(structuredClone(crd), {
            kind: 'ClusterProviderConfig',
            plural: 'clusterproviderconfigs',
            scope: 'Cluster',
          }),
        ]
      : [derive(crd, { kind, plural, scope: 'Namespaced' })];
  for (const derived of outputs) {
    fs.writeFileSync(
      path.join(
        out,
        `${derived.metadata.name.replace(/^([^.]+)\.(.*)$/, '$2_$1')}.yaml`,
      ),
      stringify(derived, { lineWidth: 0 }),
    );
  }
}
