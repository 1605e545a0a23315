import { compose } from '../compose/compose';
import { dataDomainManifest, dataProductManifest } from '../model/manifests';
import { PlatformConfig } from '../model/types';
import { ValidationError } from '../validation/Problem';
import { composeWithCapabilities } from './composeWithCapabilities';

// The registry with one more capability, defined for the tests.
jest.mock('../capabilities/registry', () => {
  const actual = jest.requireActual('../capabilities/registry');
  const { notes } = jest.requireActual('./__testUtils__/notesCapability');
  return { ...actual, CAPABILITIES: [...actual.CAPABILITIES, notes] };
});

const platform: PlatformConfig = {
  project: 'meshifi-platform',
  location: 'EU',
  capabilities: { notes: { prefix: 'Note' } },
};

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
    const resources = composeWithCapabilities(p, platform, sales);
    expect(resources.slice(0, -1)).toEqual(compose(p, platform, sales));
    expect(resources[resources.length - 1]).toMatchObject({
      key: 'notes-config',
      summary: expect.stringContaining('in sales-prod'),
      resource: { data: { note: 'Note: hi' } },
    });
  });

  it('composes only the core for a product without capabilities', () => {
    const p = product();
    expect(composeWithCapabilities(p, platform, sales)).toEqual(
      compose(p, platform, sales),
    );
  });

  it("refuses with the capability's problems under the platform's settings, which overlay the packaged ones", () => {
    const p = product({ notes: { text: 'a secret' } });
    expect(() => composeWithCapabilities(p, platform, sales)).toThrow(
      new ValidationError([
        {
          path: 'spec.capabilities.notes.text',
          message: 'The note uses a word the platform bans: reword it.',
        },
      ]),
    );
    expect(
      composeWithCapabilities(
        p,
        { ...platform, capabilities: { notes: { prefix: 'N', banned: [] } } },
        sales,
      ),
    ).toHaveLength(compose(p, platform, sales).length + 1);
  });

  it('refuses a capability whose settings the platform got wrong, saying whom to ask', () => {
    const attempt = () =>
      composeWithCapabilities(
        product({ notes: { text: 'hi' } }),
        { ...platform, capabilities: { notes: { prefix: 3 } } },
        sales,
      );
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(
      /Notes cannot be set up on this platform yet: ask the platform team.*Set prefix/,
    );
  });

  it("refuses an invalid product with the product's problems, composing nothing", () => {
    const p = product({ notes: { text: 'hi', colour: 'red' } });
    expect(() => composeWithCapabilities(p, platform, sales)).toThrow(
      'Notes has no field "colour"',
    );
  });
});
