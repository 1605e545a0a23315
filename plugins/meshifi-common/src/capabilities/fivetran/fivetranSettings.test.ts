import fc from 'fast-check';
import {
  groupOfProject,
  PACKAGED_FIVETRAN_SETTINGS,
  readFivetranSettings,
} from './fivetranSettings';
import { rawSettings } from './testing/fixtures';

const group = {
  groupId: 'projected_sickle',
  serviceAccountEmail:
    'g-projected-sickle@fivetran-prod.iam.gserviceaccount.com',
};

describe('readFivetranSettings', () => {
  it('reads the packaged settings with the group the platform adds', () => {
    const settings = readFivetranSettings({
      ...PACKAGED_FIVETRAN_SETTINGS,
      ...group,
    });
    expect(settings.group).toEqual(group);
    expect(settings.apiUrl).toBe('https://api.fivetran.com');
    expect(Object.keys(settings.connectors).sort()).toEqual([
      'google_sheets',
      'stripe',
    ]);
  });

  it("says what to set when the project's group is missing", () => {
    expect(() => readFivetranSettings(PACKAGED_FIVETRAN_SETTINGS)).toThrow(
      /groupId and serviceAccountEmail are missing.*platform\.capabilities\.fivetran/,
    );
  });

  it('takes a group per project, the top-level one for the others', () => {
    const other = {
      groupId: 'other_group',
      serviceAccountEmail:
        'g-other-group@fivetran-prod.iam.gserviceaccount.com',
    };
    const settings = readFivetranSettings({
      ...rawSettings,
      projects: { 'acme-finance-data': other },
    });
    expect(groupOfProject(settings, 'acme-finance-data')).toEqual(other);
    expect(groupOfProject(settings, 'acme-sales-data')).toEqual(group);
    const onlyProjects = readFivetranSettings({
      ...rawSettings,
      groupId: undefined,
      serviceAccountEmail: undefined,
      projects: { 'acme-finance-data': other },
    });
    expect(groupOfProject(onlyProjects, 'acme-sales-data')).toBeUndefined();
    expect(groupOfProject(onlyProjects, 'constructor')).toBeUndefined();
  });

  it.each([
    [
      'a connector writing several schemas',
      {
        connectors: {
          postgres: {
            title: 'PostgreSQL',
            destination: 'schema-prefix',
            credentialKeys: ['password'],
          },
        },
      },
      /destination must be one of schema, schema-table, schema-table-group/,
    ],
    [
      'a fixed config value that is a placeholder',
      {
        connectors: {
          stripe: {
            title: 'Stripe',
            destination: 'schema',
            credentialKeys: [],
            config: { api_key: '{{ other:kube-system:token }}' },
          },
        },
      },
      /plain text without braces/,
    ],
    [
      'a credential key that is no config field',
      {
        connectors: {
          stripe: {
            title: 'Stripe',
            destination: 'schema',
            credentialKeys: ['api key'],
          },
        },
      },
      /credentialKeys must list/,
    ],
    ['no connectors', { connectors: {} }, /at least one connector type/],
    [
      'an API address with a path',
      { apiUrl: 'https://api.fivetran.com/v1' },
      /apiUrl must be/,
    ],
    ['an http API address', { apiUrl: 'http://api.fivetran.com' }, /apiUrl/],
    [
      'an API key Secret with a colon',
      { apiKeySecret: { namespace: 'a', name: 'b:c', key: 'd' } },
      /apiKeySecret must name/,
    ],
    [
      'a provider config of another kind',
      { providerConfigRef: { kind: 'Secret', name: 'x' } },
      /providerConfigRef must name/,
    ],
    ['a group id with spaces', { groupId: 'a b' }, /groupId must be/],
    [
      'a service account that is a person',
      { serviceAccountEmail: 'ana@example.com' },
      /serviceAccountEmail must be/,
    ],
  ])('refuses %s, saying what to set', (_, change, message) => {
    expect(() => readFivetranSettings({ ...rawSettings, ...change })).toThrow(
      message,
    );
  });

  it('reads anything into settings or an Error for the platform engineer, never a crash (fast-check)', () => {
    const raw = fc.oneof(
      fc.anything(),
      fc.record(
        {
          groupId: fc.oneof(fc.string(), fc.constant('projected_sickle')),
          serviceAccountEmail: fc.oneof(
            fc.string(),
            fc.constant(group.serviceAccountEmail),
          ),
          apiUrl: fc.oneof(fc.string(), fc.anything()),
          apiKeySecret: fc.anything(),
          connectors: fc.oneof(
            fc.anything(),
            fc.dictionary(fc.string(), fc.anything()),
          ),
          providerConfigRef: fc.anything(),
          projects: fc.anything(),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(raw, value => {
        let refusal: Error | undefined;
        try {
          readFivetranSettings(value);
        } catch (error) {
          refusal = error as Error;
        }
        // Read, or refused in words for the platform engineer.
        expect({
          name: refusal?.name ?? 'SettingsError',
          saysWhere: /platform\.capabilities\.fivetran/.test(
            refusal?.message ?? 'platform.capabilities.fivetran',
          ),
        }).toEqual({ name: 'SettingsError', saysWhere: true });
      }),
      { numRuns: 3000 },
    );
  });
});
