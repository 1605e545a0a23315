import fc from 'fast-check';
import { dbtSettingsOf, PACKAGED_DBT_SETTINGS } from './dbtSettings';
import { hostileText, outcomeOf } from './__testUtils__/dbtFixtures';

const packaged = { ...PACKAGED_DBT_SETTINGS };

function messageOf(raw: unknown): string {
  try {
    dbtSettingsOf(raw);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the settings to be refused');
}

describe('dbtSettingsOf', () => {
  it('reads the packaged settings as they are', () => {
    expect(dbtSettingsOf(packaged)).toEqual(packaged);
  });

  it('reads the optional settings, and takes empty ones for unset', () => {
    expect(
      dbtSettingsOf({
        ...packaged,
        starterRepository: 'https://github.com/acme/dbt-starters.git',
        repositoryPrefixes: ['https://github.com/acme'],
        timeZone: 'Europe/Paris',
      }),
    ).toEqual({
      ...packaged,
      starterRepository: 'https://github.com/acme/dbt-starters.git',
      repositoryPrefixes: ['https://github.com/acme'],
      timeZone: 'Europe/Paris',
    });
    expect(
      dbtSettingsOf({
        ...packaged,
        starterRepository: '',
        timeZone: '',
        repositoryPrefixes: [],
      }),
    ).toEqual(packaged);
  });

  it('names every missing setting, where it is set and what to set it to', () => {
    const message = messageOf(undefined);
    expect(message).toContain('platform.capabilities.dbt');
    expect(message).toContain(
      `Set image to an image reference, for example ${packaged.image}`,
    );
    expect(message).toContain(
      `Set gitImage to an image reference, for example ${packaged.gitImage}`,
    );
    expect(message).toContain('Set workloadIdentityPool');
  });

  it.each([
    [{ image: 'ghcr.io/dbt-labs/dbt-bigquery' }, 'Pin image'],
    [{ image: 'ghcr.io/dbt-labs/dbt-bigquery:latest' }, 'Pin image'],
    [{ gitImage: 'alpine/git; id' }, 'is not an image reference'],
    [{ workloadIdentityPool: 'acme' }, '(it is "acme")'],
    [
      { starterRepository: 'https://u:p@github.com/acme/s.git' },
      'starterRepository: Leave the user name',
    ],
    [{ starterRepository: 42 }, 'starterRepository must be'],
    [
      { repositoryPrefixes: 'https://github.com/acme' },
      'repositoryPrefixes must be a list',
    ],
    [
      { repositoryPrefixes: ['git@github.com:acme'] },
      'repositoryPrefixes must be a list',
    ],
    [
      {
        repositoryPrefixes: ['https://github.com/acme'],
        starterRepository: 'https://gitlab.com/acme/starters.git',
      },
      'is under none of repositoryPrefixes',
    ],
    [{ timeZone: 'Mars/Olympus' }, 'is not a time zone name'],
    [{ timeZone: '+01:00' }, 'is not a time zone name'],
  ])('refuses %j, saying %s', (override, words) => {
    expect(messageOf({ ...packaged, ...override })).toContain(words);
  });

  it('accepts digests, and registries with ports', () => {
    expect(
      dbtSettingsOf({
        ...packaged,
        image: `registry.example.com:5000/dbt/bigquery@sha256:${'a'.repeat(
          64,
        )}`,
      }).image,
    ).toContain('@sha256:');
  });

  it('either reads any raw value or throws an Error that says what is wrong', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({
            image: hostileText,
            gitImage: hostileText,
            workloadIdentityPool: hostileText,
            starterRepository: hostileText,
            timeZone: hostileText,
          }),
        ),
        raw => {
          const outcome = outcomeOf(() => dbtSettingsOf(raw));
          const refusal = outcome.ok ? undefined : outcome.error;
          expect(outcome.ok ? typeof outcome.value.image : 'string').toBe(
            'string',
          );
          expect(
            refusal === undefined ||
              (refusal instanceof Error &&
                refusal.message.includes('platform.capabilities.dbt')),
          ).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
