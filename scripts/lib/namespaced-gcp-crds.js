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
//     cluster-scoped twin.
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

function derive(crd, { kind, plural, scope }) {
  const group = namespacedGroup(crd.spec.group);
  const version =
    crd.spec.versions.find(v => v.name === 'v1beta1') ?? crd.spec.versions[0];
  const spec = version.schema.openAPIV3Schema.properties.spec;
  if (spec.properties.forProvider) {
    namespaceManagedResourceSpec(spec);
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
