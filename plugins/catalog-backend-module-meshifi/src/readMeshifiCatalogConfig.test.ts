import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readMeshifiCatalogConfig } from './readMeshifiCatalogConfig';

const read = (meshifi: object) =>
  readMeshifiCatalogConfig(new ConfigReader({ meshifi }));

describe('readMeshifiCatalogConfig', () => {
  it('has a default for every key', () => {
    expect(readMeshifiCatalogConfig(new ConfigReader({}))).toEqual({
      defaultOwner: undefined,
      lookupCacheMs: 30_000,
      platformProject: undefined,
      gitops: {
        enabled: true,
        refreshOnEvents: true,
        schedule: { frequency: { seconds: 15 }, timeout: { minutes: 5 } },
      },
      clusters: {
        enabled: false,
        schedule: {
          frequency: { seconds: 60 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 30 },
        },
      },
    });
  });

  it('reads each key', () => {
    // Read as written: flags, and a schedule in Backstage's object form.
    const gitops = {
      enabled: false,
      refreshOnEvents: false,
      schedule: { frequency: { minutes: 1 }, timeout: { seconds: 30 } },
    };
    expect(
      read({
        platform: { project: 'acme-platform', location: 'EU' },
        catalog: {
          defaultOwner: 'group:default/data-platform',
          lookupCacheSeconds: 0.5,
          gitops,
          clusters: {
            enabled: true,
            schedule: { frequency: { cron: '*/5 * * * *' }, timeout: 'PT1M' },
          },
        },
      }),
    ).toEqual({
      defaultOwner: 'group:default/data-platform',
      lookupCacheMs: 500,
      platformProject: 'acme-platform',
      gitops,
      clusters: {
        enabled: true,
        schedule: {
          frequency: { cron: '*/5 * * * *' },
          timeout: expect.objectContaining({ minutes: 1 }),
        },
      },
    });
  });

  it('takes values from the environment, which are strings', () => {
    const settings = read({
      catalog: {
        lookupCacheSeconds: '10',
        gitops: { enabled: 'false' },
        clusters: { enabled: 'true' },
      },
    });
    expect(settings.lookupCacheMs).toBe(10_000);
    expect(settings.gitops.enabled).toBe(false);
    expect(settings.clusters.enabled).toBe(true);
  });

  it('accepts an owner without kind or namespace, as Backstage does', () => {
    expect(read({ catalog: { defaultOwner: 'data-platform' } })).toMatchObject({
      defaultOwner: 'data-platform',
    });
    expect(
      read({ catalog: { defaultOwner: 'user:default/ana' } }),
    ).toMatchObject({ defaultOwner: 'user:default/ana' });
  });

  it.each([
    [
      { lookupCacheSeconds: -1 },
      'meshifi.catalog.lookupCacheSeconds must be a number of seconds, 0 or more, not -1',
    ],
    [
      { lookupCacheSeconds: 'soon' },
      'meshifi.catalog.lookupCacheSeconds must be a number of seconds, 0 or more',
    ],
    [
      { defaultOwner: 'component:default/web-shop' },
      'meshifi.catalog.defaultOwner must be a user or group entity reference such as group:default/data-platform, not "component:default/web-shop"',
    ],
    [
      { defaultOwner: 'group:default/' },
      'meshifi.catalog.defaultOwner must be a user or group entity reference such as group:default/data-platform, not "group:default/"',
    ],
    [
      { gitops: { enabled: 'sometimes' } },
      'meshifi.catalog.gitops.enabled must be true or false',
    ],
    [
      { gitops: { refreshOnEvents: 'often' } },
      'meshifi.catalog.gitops.refreshOnEvents must be true or false',
    ],
    [
      { gitops: { schedule: { timeout: { minutes: 1 } } } },
      'meshifi.catalog.gitops.schedule must be a schedule such as',
    ],
    [
      { clusters: { schedule: { frequency: 'often', timeout: 'PT1M' } } },
      'meshifi.catalog.clusters.schedule must be a schedule such as',
    ],
  ])('refuses %j with an error naming the key', (catalog, message) => {
    const reading = () => read({ catalog });
    expect(reading).toThrow(InputError);
    expect(reading).toThrow(message);
  });

  it('refuses a platform block without its location', () => {
    expect(() => read({ platform: { project: 'acme-platform' } })).toThrow(
      'meshifi.platform lacks meshifi.platform.location',
    );
  });
});
