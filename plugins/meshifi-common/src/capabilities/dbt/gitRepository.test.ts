import fc from 'fast-check';
import {
  isUnderPrefix,
  projectPathProblem,
  PROJECT_PATH_PATTERN,
  repositoryProblem,
  REPOSITORY_PATTERN,
  repositoryWebPage,
  revisionProblem,
  REVISION_PATTERN,
} from './gitRepository';
import { hostileText, unsafeParts } from './__testUtils__/dbtFixtures';

describe('repositoryProblem', () => {
  it.each([
    'https://github.com/acme/sales-dbt.git',
    'https://github.com/acme/sales-dbt',
    'https://gitlab.example.com:8443/data/dbt/sales.git',
    'https://git.example.com/acme/sales/',
  ])('accepts %s', repository => {
    expect(repositoryProblem(repository)).toBeUndefined();
  });

  it.each([
    [undefined, 'Give the https address'],
    ['http://github.com/acme/x.git', "Use the repository's https address"],
    ['git@github.com:acme/x.git', "Use the repository's https address"],
    ['ssh://github.com/acme/x.git', "Use the repository's https address"],
    [
      'https://user:ghp_secret@github.com/acme/x.git',
      'Leave the user name, password or token out',
    ],
    [
      'https://token@github.com/acme/x.git',
      'Leave the user name, password or token out',
    ],
    ['https://github.com', 'is not a repository address'],
    ['https://github.com/acme/x.git?ref=main', 'is not a repository address'],
    ['https://github.com/acme/x y', 'is not a repository address'],
    ['https://github.com/acme/../evil.git', 'has ".." or a "." folder'],
    ['https://github.com/acme/./x.git', 'has ".." or a "." folder'],
    ['https://github.com/acme/x..git', 'has ".." or a "." folder'],
  ])('refuses %j, saying %s', (repository, words) => {
    expect(repositoryProblem(repository)).toContain(words);
  });

  it('keeps to the platform prefixes, by whole path segments', () => {
    const prefixes = [
      'https://github.com/acme',
      'https://git.example.com/data/',
    ];
    expect(
      repositoryProblem('https://github.com/acme/x.git', prefixes),
    ).toBeUndefined();
    expect(
      repositoryProblem('https://git.example.com/data/x', prefixes),
    ).toBeUndefined();
    expect(
      repositoryProblem('https://github.com/acme-evil/x.git', prefixes),
    ).toContain(
      'This platform runs dbt projects only from https://github.com/acme or https://git.example.com/data/',
    );
    expect(
      isUnderPrefix('https://github.com/acme/', 'https://github.com/acme'),
    ).toBe(true);
  });

  it('never throws, and lets through no credentials, spaces, shell characters or ".." folders', () => {
    const pattern = new RegExp(REPOSITORY_PATTERN);
    fc.assert(
      fc.property(
        fc.oneof(hostileText, fc.anything(), fc.webUrl()),
        repository => {
          const problem = repositoryProblem(repository);
          const accepted = problem === undefined;
          expect(accepted || typeof problem === 'string').toBe(true);
          const address = accepted ? (repository as string) : 'https://x/y';
          expect(address).toMatch(pattern);
          expect(address).not.toContain('@');
          expect(unsafeParts(address)).toEqual([]);
        },
      ),
      { numRuns: 10000 },
    );
  });
});

describe('revisionProblem', () => {
  it.each(['main', 'v1.2.0', 'release/2024-06', 'feature_x'])(
    'accepts %s',
    revision => {
      expect(revisionProblem(revision)).toBeUndefined();
    },
  );

  it.each([
    '-c',
    '--upload-pack=x',
    'a..b',
    'a//b',
    'a/',
    'a.',
    'a.lock',
    'a b',
    '$(id)',
    '',
  ])('refuses %j', revision => {
    expect(revisionProblem(revision)).toBeDefined();
  });

  it('never throws, and what it accepts cannot be taken for an option or hold shell characters', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.anything()), revision => {
        const accepted = revisionProblem(revision) === undefined;
        const name = accepted ? (revision as string) : 'main';
        expect(name).toMatch(new RegExp(REVISION_PATTERN));
        expect(name.startsWith('-')).toBe(false);
        expect(unsafeParts(name)).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('projectPathProblem', () => {
  it.each(['sales/orders', 'dbt', 'a_b/c-d/e.f'])('accepts %s', path => {
    expect(projectPathProblem(path)).toBeUndefined();
  });

  it.each([
    ['..', 'has ".."'],
    ['sales/../..', 'has ".."'],
    ['a..b', 'has ".."'],
    ['/etc', 'without a leading or trailing /'],
    ['sales/', 'without a leading or trailing /'],
    ['.hidden', 'without a leading or trailing /'],
    ['a//b', 'without a leading or trailing /'],
    ['a b', 'without a leading or trailing /'],
  ])('refuses %j, saying %s', (path, words) => {
    expect(projectPathProblem(path)).toContain(words);
  });

  it('never throws, and what it accepts stays inside the clone', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.anything()), path => {
        const accepted = projectPathProblem(path) === undefined;
        const folder = accepted ? (path as string) : 'sales';
        expect(folder).toMatch(new RegExp(PROJECT_PATH_PATTERN));
        expect(folder.startsWith('/')).toBe(false);
        expect(folder.split('/').filter(part => part.startsWith('.'))).toEqual(
          [],
        );
        expect(unsafeParts(folder)).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('repositoryWebPage', () => {
  it('opens the folder at the branch on GitHub and GitLab, the repository elsewhere', () => {
    expect(
      repositoryWebPage(
        'https://github.com/acme/dbt.git',
        'main',
        'sales/orders',
      ),
    ).toBe('https://github.com/acme/dbt/tree/main/sales/orders');
    expect(
      repositoryWebPage('https://gitlab.com/acme/dbt.git', 'v1', 'x'),
    ).toBe('https://gitlab.com/acme/dbt/-/tree/v1/x');
    expect(
      repositoryWebPage('https://git.example.com/acme/dbt.git', 'main', 'x'),
    ).toBe('https://git.example.com/acme/dbt');
    expect(repositoryWebPage('https://github.com/acme/dbt/')).toBe(
      'https://github.com/acme/dbt',
    );
  });
});
