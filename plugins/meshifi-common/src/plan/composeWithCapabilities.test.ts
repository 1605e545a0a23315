import { Capability } from '../capabilities/Capability';
import { compose } from '../compose/compose';
import { dataDomainManifest, dataProductManifest } from '../model/manifests';
import { PlatformConfig } from '../model/types';
import { ValidationError } from '../validation/Problem';
import { composeWithCapabilities } from './composeWithCapabilities';

const platform: PlatformConfig = {
  project: 'meshifi-platform',
  location: 'EU',
};

/** A capability composing one ConfigMap in the product's project, refusing a long text with its settings. */
const notes = {
  name: 'notes',
  title: 'Notes',
  settings: (raw: any) => {
    if (typeof raw?.max !== 'number') {
      throw new Error('Set max.');
    }
    return { max: raw.max };
  },
  packagedSettings: { max: 5 },
  problems: ({ spec, settings }: any) =>
    settings && spec.text.length > settings.max
      ? [{ path: 'spec.capabilities.notes.text', message: 'Too long.' }]
      : [],
  compose: ({ context }: any) => [
    {
      key: 'config',
      role: 'capability',
      summary: `A note in ${context.project}`,
      resource: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'n' },
      },
    },
  ],
} as unknown as Capability;

const product = (capabilities?: Record<string, unknown>) =>
  dataProductManifest({
    info: { name: 'customer-orders', version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
    domain: 'sales',
    ...(capabilities ? { capabilities } : {}),
  });
const sales = dataDomainManifest('sales', {
  owner: 'group:default/sales',
  gcpProject: 'sales-prod',
});

describe('composeWithCapabilities', () => {
  it("composes the core's resources, then the capabilities' in the domain's project", () => {
    const p = product({ notes: { text: 'hi' } });
    const resources = composeWithCapabilities(p, platform, sales, [notes]);
    expect(resources.slice(0, -1)).toEqual(compose(p, platform, sales));
    expect(resources[resources.length - 1]).toMatchObject({
      key: 'notes-config',
      summary: 'A note in sales-prod',
    });
  });

  it('composes only the core for a product without capabilities', () => {
    const p = product();
    expect(composeWithCapabilities(p, platform, sales, [notes])).toEqual(
      compose(p, platform, sales),
    );
  });

  it("refuses with the capability's problems under the platform's settings, which overlay the packaged ones", () => {
    const p = product({ notes: { text: 'too long a note' } });
    expect(() => composeWithCapabilities(p, platform, sales, [notes])).toThrow(
      new ValidationError([
        { path: 'spec.capabilities.notes.text', message: 'Too long.' },
      ]),
    );
    expect(
      composeWithCapabilities(
        p,
        { ...platform, capabilities: { notes: { max: 100 } } },
        sales,
        [notes],
      ),
    ).toHaveLength(compose(p, platform, sales).length + 1);
  });

  it('refuses a capability whose settings the platform got wrong, saying whom to ask', () => {
    const p = product({ notes: { text: 'hi' } });
    const attempt = () =>
      composeWithCapabilities(
        p,
        { ...platform, capabilities: { notes: { max: 'many' } } },
        sales,
        [notes],
      );
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(/ask the platform team.*Set max\./);
  });

  it("refuses an invalid product with the product's problems, composing nothing", () => {
    const p = product({ notes: { text: 'hi' } });
    p.spec.access.owners = [];
    expect(() => composeWithCapabilities(p, platform, sales, [notes])).toThrow(
      ValidationError,
    );
  });
});
