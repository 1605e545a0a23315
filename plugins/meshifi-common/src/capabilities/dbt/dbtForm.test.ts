import Ajv from 'ajv';
import fc from 'fast-check';
import { ValidationError } from '../../validation/Problem';
import { dbtFormPage, dbtFromAnswers, DBT_SCHEDULE_CHOICES } from './dbtForm';
import { dbtProblems } from './dbtProblems';
import { hostileText, outcomeOf, settings } from './__testUtils__/dbtFixtures';

const withStarter = {
  ...settings,
  starterRepository: 'https://github.com/acme/dbt-starters.git',
};
const target = {
  product: 'customer-orders',
  domain: 'sales',
  settings: withStarter,
};

function problemsOf(answers: unknown, to = target) {
  const outcome = outcomeOf(() => dbtFromAnswers(answers, to));
  if (outcome.ok || !(outcome.error instanceof ValidationError)) {
    throw new Error(`expected a ValidationError, got ${String(outcome)}`);
  }
  return outcome.error.problems;
}

/** The page's schema as RJSF validates it: ui: options are the form's, not JSON Schema's. */
function pageValidator() {
  const ajv = new Ajv({ strict: false });
  return ajv.compile(dbtFormPage.schema);
}

describe('the dbt form page', () => {
  it('accepts what the analyst can pick on it, and says each schedule in words', () => {
    const validate = pageValidator();
    expect(validate({ enabled: false })).toBe(true);
    expect(
      validate({
        enabled: true,
        project: 'starter',
        schedule: '0 6 * * *',
        command: 'dbt build',
      }),
    ).toBe(true);
    expect(
      validate({
        enabled: true,
        project: 'existing',
        repository: 'https://github.com/acme/sales-dbt.git',
        schedule: '0 * * * *',
        command: 'dbt source freshness',
      }),
    ).toBe(true);
    expect(
      validate({
        enabled: true,
        project: 'existing',
        schedule: '0 6 * * *',
        command: 'dbt build',
      }),
    ).toBe(false);
    const schedules =
      JSON.stringify(dbtFormPage.schema).match(
        /"title":"[^"]*(at|hour)[^"]*"/g,
      ) ?? [];
    expect(schedules.length).toBeGreaterThanOrEqual(
      DBT_SCHEDULE_CHOICES.length,
    );
    expect(JSON.stringify(dbtFormPage.schema)).toContain('Every day at 06:00');
  });
});

describe('dbtFromAnswers', () => {
  it('gives nothing when dbt is not turned on', () => {
    expect(dbtFromAnswers(undefined, target)).toBeUndefined();
    expect(
      dbtFromAnswers({ enabled: false, project: 'existing' }, target),
    ).toBeUndefined();
  });

  it("puts a starter project in the platform's starter repository, in <domain>/<product>", () => {
    expect(
      dbtFromAnswers(
        {
          enabled: true,
          project: 'starter',
          schedule: '0 6 * * 1-5',
          command: 'dbt build',
        },
        target,
      ),
    ).toEqual({
      repository: withStarter.starterRepository,
      path: 'sales/customer-orders',
      schedule: '0 6 * * 1-5',
      command: 'dbt build',
    });
    expect(
      dbtFromAnswers(
        { enabled: true, project: 'starter' },
        { ...target, domain: undefined },
      ),
    ).toMatchObject({
      path: 'products/customer-orders',
      schedule: '0 6 * * *',
      command: 'dbt build',
    });
  });

  it('says clearly when the platform has no starter repository', () => {
    for (const platform of [settings, undefined]) {
      expect(
        problemsOf(
          { enabled: true, project: 'starter' },
          { ...target, settings: platform as never },
        ),
      ).toEqual([
        {
          path: 'dbt.project',
          message: expect.stringContaining('no place for starter dbt projects'),
        },
      ]);
    }
  });

  it('takes an existing repository and folder as given', () => {
    expect(
      dbtFromAnswers(
        {
          enabled: true,
          project: 'existing',
          repository: ' https://github.com/acme/sales-dbt.git ',
          path: 'orders',
          schedule: '0 * * * *',
          command: 'dbt run',
        },
        target,
      ),
    ).toEqual({
      repository: 'https://github.com/acme/sales-dbt.git',
      path: 'orders',
      schedule: '0 * * * *',
      command: 'dbt run',
    });
  });

  it('refuses answers it cannot use, under dbt.<field>', () => {
    expect(problemsOf({ enabled: true, project: 'existing' })).toEqual([
      {
        path: 'dbt.repository',
        message: expect.stringContaining('Give the https address'),
      },
    ]);
    expect(
      problemsOf({
        enabled: true,
        project: 'existing',
        repository: 'https://me:token@github.com/acme/x.git',
        path: '../x',
      }).map(p => p.path),
    ).toEqual(['dbt.repository', 'dbt.path']);
    expect(problemsOf({ enabled: true, project: 'mine' })[0].path).toBe(
      'dbt.project',
    );
    expect(
      problemsOf(
        {
          enabled: true,
          project: 'existing',
          repository: 'https://gitlab.com/other/x.git',
        },
        {
          ...target,
          settings: {
            ...withStarter,
            repositoryPrefixes: ['https://github.com/acme'],
          },
        },
      )[0].message,
    ).toContain('only from https://github.com/acme');
  });

  it('either gives a fragment without problems, nothing, or a ValidationError, whatever the answers', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record(
            {
              enabled: fc.oneof(fc.boolean(), fc.anything()),
              project: fc.oneof(
                fc.constantFrom('starter', 'existing'),
                hostileText,
              ),
              repository: hostileText,
              path: hostileText,
              schedule: hostileText,
              command: hostileText,
            },
            { requiredKeys: [] },
          ),
        ),
        answers => {
          const outcome = outcomeOf(() => dbtFromAnswers(answers, target));
          const refusal = outcome.ok ? undefined : outcome.error;
          expect(
            refusal === undefined ||
              (refusal instanceof ValidationError &&
                refusal.problems.length > 0),
          ).toBe(true);
          const spec = outcome.ok ? outcome.value : undefined;
          expect(
            spec === undefined ? [] : dbtProblems(spec, withStarter),
          ).toEqual([]);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
