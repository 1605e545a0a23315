import fc from 'fast-check';
import { dbtProblems } from './dbtProblems';
import { hostileText, outcomeOf, spec } from './__testUtils__/dbtFixtures';

describe('dbtProblems', () => {
  it('finds nothing wrong with a repository and a schedule', () => {
    expect(dbtProblems(spec)).toEqual([]);
  });

  it('says what is wrong with each field, under its path', () => {
    expect(
      dbtProblems({
        repository: 'https://github.com/acme/x.git',
        revision: '--upload-pack=id',
        path: '../../etc',
        schedule: '0 6 * * 7',
        command: 'dbt run-operation x',
      }).map(problem => problem.path),
    ).toEqual([
      'spec.capabilities.dbt.revision',
      'spec.capabilities.dbt.path',
      'spec.capabilities.dbt.schedule',
      'spec.capabilities.dbt.command',
    ]);
    expect(dbtProblems('dbt build')).toEqual([
      {
        path: 'spec.capabilities.dbt',
        message: expect.stringContaining('Give the dbt project'),
      },
    ]);
  });

  it('needs a repository and a schedule', () => {
    expect(dbtProblems({}).map(problem => problem.path)).toEqual([
      'spec.capabilities.dbt.repository',
      'spec.capabilities.dbt.schedule',
    ]);
  });

  it('never throws, and says each problem in words, whatever the fragment and the prefixes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record(
            {
              repository: hostileText,
              revision: hostileText,
              path: hostileText,
              schedule: hostileText,
              command: hostileText,
            },
            { requiredKeys: [] },
          ),
        ),
        fc.oneof(
          fc.constant(undefined),
          fc.record({ repositoryPrefixes: fc.array(hostileText) }),
        ),
        (fragment, settings) => {
          const outcome = outcomeOf(() => dbtProblems(fragment, settings));
          expect(outcome.ok).toBe(true);
          const problems = outcome.ok ? outcome.value : [];
          expect(
            problems.filter(
              problem =>
                !problem.path.startsWith('spec.capabilities.dbt') ||
                problem.message.length < 10,
            ),
          ).toEqual([]);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
