import fc from 'fast-check';
import { LABELS } from '../constants';
import { dataDomainManifest, dataProductManifest } from '../model/manifests';
import { DataProduct, PlatformConfig } from '../model/types';
import { datasetId } from '../naming/datasetId';
import {
  serviceAccountEmail,
  serviceAccountId,
} from '../naming/serviceAccountId';
import { Capability } from './Capability';
import {
  capabilitiesSpecSchema,
  capabilitiesStatusSchema,
} from './capabilitiesSchema';
import { capabilitiesClusterRole } from './capabilitiesRbac';
import {
  capabilitiesOf,
  capabilityProblems,
  composeCapability,
} from './productCapabilities';
import { productContextFrom, productContextOf } from './productContext';

const platform: PlatformConfig = {
  project: 'meshifi-platform',
  location: 'EU',
};

/** A capability that composes one ConfigMap naming the product's curated dataset. */
const notes: Capability<{ text: string }, { prefix: string }> = {
  name: 'notes',
  title: 'Notes',
  description: 'Keeps a note beside the product.',
  schema: {
    type: 'object',
    required: ['text'],
    properties: { text: { type: 'string', maxLength: 20 } },
  },
  statusSchema: { type: 'object', properties: { kept: { type: 'boolean' } } },
  settings: raw => ({ prefix: String((raw as any)?.prefix ?? 'note') }),
  packagedSettings: { prefix: 'note' },
  problems: ({ spec }) =>
    spec.text.includes('!')
      ? [{ path: 'spec.capabilities.notes.text', message: 'No shouting.' }]
      : [],
  compose: ({ spec, context, settings }) => [
    {
      key: 'config',
      role: 'capability',
      summary: `A note on ${context.datasets.curated}`,
      readiness: 'exists',
      resource: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: `${context.product}-notes`,
          labels: { [LABELS.capability]: 'forged', own: 'yes' },
        },
        data: { note: `${settings.prefix}: ${spec.text}` },
      } as any,
    },
  ],
  status: ({ observed }) => ({ kept: Object.keys(observed).length > 0 }),
  rbac: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['create'] }],
  form: {
    page: { title: 'Notes', schema: { type: 'object' } },
    fromAnswers: answers => answers as { text: string },
  },
  card: ({ spec }) => ({
    title: 'Notes',
    facts: [{ label: 'Text', value: spec.text }],
  }),
};

const unused: Capability = { ...notes, name: 'unused', title: 'Unused' };

const product = (capabilities?: Record<string, unknown>, domain?: string) =>
  dataProductManifest({
    info: { name: 'customer-orders', version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
    ...(domain ? { domain } : {}),
    ...(capabilities ? { capabilities } : {}),
  });

describe('capabilities of a product', () => {
  it('lists only the capabilities the product turns on, in the registry order', () => {
    const chosen = capabilitiesOf(
      product({ unused: {}, notes: { text: 'hi' } }),
      [notes, unused],
    );
    expect(chosen.map(c => c.capability.name)).toEqual(['notes', 'unused']);
    expect(capabilitiesOf(product(), [notes, unused])).toEqual([]);
    expect(capabilitiesOf(product({ other: {} }), [notes])).toEqual([]);
  });

  it('composes nothing for a capability the product does not turn on', () => {
    const p = product();
    expect(
      composeCapability(notes, p, productContextOf(p, platform), {
        prefix: 'x',
      }),
    ).toEqual([]);
  });

  it("prefixes keys with the capability's name and labels resources with the product and the capability", () => {
    const p = product({ notes: { text: 'hi' } }, 'sales');
    const domain = dataDomainManifest('sales', {
      owner: 'group:default/sales',
      gcpProject: 'sales-prod',
    });
    const [composed] = composeCapability(
      notes,
      p,
      productContextOf(p, platform, domain),
      { prefix: 'n' },
    );
    expect(composed.key).toBe('notes-config');
    expect(composed.resource.metadata.labels).toEqual({
      [LABELS.dataProduct]: 'customer-orders',
      [LABELS.domain]: 'sales',
      [LABELS.role]: 'capability',
      own: 'yes',
      // A capability cannot pass its resources off as another's.
      [LABELS.capability]: 'notes',
    });
    expect(composed.summary).toBe(
      `A note on ${datasetId('customer-orders', 'curated')}`,
    );
  });

  it("reports each capability's problems, with the platform's settings where known", () => {
    const seen: unknown[] = [];
    const watching: Capability = {
      ...notes,
      problems: input => {
        seen.push(input.settings);
        return notes.problems(input);
      },
    };
    const p = product({ notes: { text: 'hey!' } });
    expect(
      capabilityProblems(p, { notes: { prefix: 'p' } }, [watching]),
    ).toEqual([
      { path: 'spec.capabilities.notes.text', message: 'No shouting.' },
    ]);
    expect(capabilityProblems(p, {}, [watching])).toHaveLength(1);
    expect(seen).toEqual([{ prefix: 'p' }, undefined]);
    expect(capabilityProblems(product(), {}, [watching])).toEqual([]);
  });
});

describe('the context the core step passes on', () => {
  it("says where the product lives: its domain's project, its datasets and service account", () => {
    const p = product({}, 'sales');
    const domain = dataDomainManifest('sales', {
      owner: 'group:default/sales',
      gcpProject: 'sales-prod',
    });
    const context = productContextOf(p, platform, domain);
    expect(context).toMatchObject({
      product: 'customer-orders',
      namespace: 'sales',
      domain: 'sales',
      project: 'sales-prod',
      location: 'EU',
      datasets: {
        raw: datasetId('customer-orders', 'raw'),
        cleaned: datasetId('customer-orders', 'cleaned'),
        curated: datasetId('customer-orders', 'curated'),
      },
      providerConfigRef: { kind: 'ClusterProviderConfig', name: 'default' },
    });
    expect(context.serviceAccountId).toBe(
      `projects/sales-prod/serviceAccounts/${context.serviceAccountEmail}`,
    );
    expect(context.serviceAccountEmail).toBe(
      serviceAccountEmail(serviceAccountId('customer-orders'), 'sales-prod'),
    );
  });

  it('is read back from the pipeline context as it was passed, and anything else is no context', () => {
    const p: DataProduct = product();
    const context = productContextOf(p, platform);
    expect(productContextFrom(JSON.parse(JSON.stringify(context)))).toEqual(
      context,
    );
    fc.assert(
      fc.property(fc.anything(), value => {
        const read = productContextFrom(value);
        return read === undefined || typeof read.product === 'string';
      }),
      { numRuns: 2000 },
    );
    expect(productContextFrom(undefined)).toBeUndefined();
    expect(
      productContextFrom({ ...context, datasets: undefined }),
    ).toBeUndefined();
  });
});

describe('the schemas and RBAC from the list', () => {
  it("puts each capability's schema under its name, titled by the capability when the schema has no title", () => {
    const spec = capabilitiesSpecSchema([notes, unused]);
    expect(Object.keys(spec.properties!)).toEqual(['notes', 'unused']);
    expect(spec.properties!.notes).toMatchObject({
      title: 'Notes',
      description: 'Keeps a note beside the product.',
      required: ['text'],
    });
    expect(capabilitiesStatusSchema([notes]).properties).toEqual({
      notes: notes.statusSchema,
    });
  });

  it("aggregates every capability's rules into Crossplane's role", () => {
    const role = capabilitiesClusterRole([notes, unused]);
    expect(
      role.metadata.labels['rbac.crossplane.io/aggregate-to-crossplane'],
    ).toBe('true');
    expect(role.rules).toEqual([...notes.rbac, ...unused.rbac]);
  });
});
