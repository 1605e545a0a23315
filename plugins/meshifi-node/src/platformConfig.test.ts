import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { Capability } from '@meshifi/common';
import {
  readCapabilitySettings,
  readOptionalPlatformConfig,
  readPlatformConfig,
} from './platformConfig';

const config = (platform?: object) =>
  new ConfigReader(platform ? { meshifi: { platform } } : {});

describe('readPlatformConfig', () => {
  it('reads the project and the location', () => {
    expect(
      readPlatformConfig(config({ project: 'acme-platform', location: 'EU' })),
    ).toEqual({ project: 'acme-platform', location: 'EU' });
  });

  it('is required: says what to set when the block is missing', () => {
    const reading = () => readPlatformConfig(config());
    expect(reading).toThrow(InputError);
    expect(reading).toThrow(
      "meshifi.platform is not set: set meshifi.platform.project (the GCP project of products whose domain names none) and meshifi.platform.location (the BigQuery location of products that name none, e.g. EU), the same as the Composition's function input",
    );
  });

  it.each([
    [{ location: 'EU' }, 'meshifi.platform lacks meshifi.platform.project ('],
    [
      {},
      'lacks meshifi.platform.project (the GCP project of products whose domain names none) and meshifi.platform.location',
    ],
  ])('names each missing key of %j', (platform, message) => {
    expect(() => readPlatformConfig(config(platform))).toThrow(message);
  });

  it.each([
    [{ project: 42, location: 'EU' }, 'meshifi.platform.project (the GCP'],
    [
      { project: 'acme-platform', location: '' },
      'meshifi.platform.location (the',
    ],
  ])('refuses %j: a value that is not text', (platform, key) => {
    const reading = () => readPlatformConfig(config(platform));
    expect(reading).toThrow(InputError);
    expect(reading).toThrow(key);
    expect(reading).toThrow(') must be text; caused by');
  });
});

describe('readOptionalPlatformConfig', () => {
  it('is undefined without the block, for modules that work without it', () => {
    expect(readOptionalPlatformConfig(config())).toBeUndefined();
  });

  it('reads a block as the required reader does', () => {
    expect(
      readOptionalPlatformConfig(
        config({ project: 'acme-platform', location: 'europe-west2' }),
      ),
    ).toEqual({ project: 'acme-platform', location: 'europe-west2' });
    expect(() =>
      readOptionalPlatformConfig(config({ project: 'acme-platform' })),
    ).toThrow('meshifi.platform lacks meshifi.platform.location');
  });
});

describe('meshifi.platform.access', () => {
  const base = { project: 'acme-platform', location: 'EU' };

  it('reads the layers that may be shared and the longest grant', () => {
    expect(
      readPlatformConfig(
        config({
          ...base,
          access: { shareableLayers: ['curated', 'cleaned'], maxDays: 90 },
        }),
      ),
    ).toEqual({
      ...base,
      access: { shareableLayers: ['curated', 'cleaned'], maxDays: 90 },
    });
  });

  it('leaves the model its defaults when unset', () => {
    expect(readPlatformConfig(config(base)).access).toBeUndefined();
  });

  it.each([
    [{ shareableLayers: ['gold'] }, 'names gold: list layers among raw'],
    [{ maxDays: 0 }, 'must be a whole number of days, at least 1'],
    [{ maxDays: 1.5 }, 'must be a whole number of days, at least 1'],
  ])('refuses %j', (access, message) => {
    expect(() => readPlatformConfig(config({ ...base, access }))).toThrow(
      message,
    );
  });
});

describe('meshifi.platform.capabilities', () => {
  const base = { project: 'acme-platform', location: 'EU' };
  /** A capability of the test: its settings need an image, packaged as none. */
  const notes = {
    name: 'notes',
    title: 'Notes',
    packagedSettings: { registry: 'ghcr.io' },
    settings: (raw: any) => {
      if (typeof raw?.image !== 'string') {
        throw new Error('Set image, the image that writes the notes.');
      }
      return raw;
    },
  } as unknown as Capability;

  it("keeps each capability's settings as set, once its capability accepts them over the packaged ones", () => {
    const settings = { notes: { image: 'notes:1' } };
    expect(
      readCapabilitySettings(new ConfigReader(settings), base, [notes]),
    ).toEqual(settings);
  });

  it("refuses settings the capability refuses, in the capability's words", () => {
    const reading = () =>
      readCapabilitySettings(new ConfigReader({ notes: { image: 3 } }), base, [
        notes,
      ]);
    expect(reading).toThrow(InputError);
    expect(reading).toThrow(
      'meshifi.platform.capabilities.notes (Notes): Set image, the image that writes the notes.',
    );
  });

  it('refuses settings of a capability meshifi does not have, naming those it has', () => {
    expect(() =>
      readCapabilitySettings(new ConfigReader({ airflow: {} }), base, [notes]),
    ).toThrow(
      'meshifi.platform.capabilities.airflow is not a capability meshifi has: set meshifi.platform.capabilities.notes',
    );
  });

  it("reads dbt's settings over the package's, and stops at dbt's own words for a wrong one", () => {
    const dbt = { starterRepository: 'https://git.example.com/acme/dbt.git' };
    expect(
      readPlatformConfig(config({ ...base, capabilities: { dbt } }))
        .capabilities,
    ).toEqual({ dbt });
    expect(() =>
      readPlatformConfig(
        config({ ...base, capabilities: { dbt: { image: 'dbt:latest' } } }),
      ),
    ).toThrow(
      /^meshifi.platform.capabilities.dbt \(dbt models\): .*Pin image "dbt:latest" to a version/,
    );
  });

  it('reads them with the rest of meshifi.platform', () => {
    expect(readPlatformConfig(config(base)).capabilities).toBeUndefined();
    expect(() =>
      readPlatformConfig(config({ ...base, capabilities: { airflow: {} } })),
    ).toThrow('meshifi.platform.capabilities.airflow is not a capability');
  });
});
