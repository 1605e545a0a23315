import { Problem } from '../../validation/Problem';
import { cronProblem } from './cronSchedule';
import { dbtCommandProblem } from './dbtCommand';
import { DbtSettings } from './dbtSettings';
import {
  projectPathProblem,
  repositoryProblem,
  revisionProblem,
} from './gitRepository';

/** Where a product keeps its dbt fragment. */
export const DBT_SPEC_PATH = 'spec.capabilities.dbt';

/**
 * Everything wrong with a dbt fragment, each under its field's path: the
 * same rules as the schema's patterns and what they cannot say (a
 * schedule's values, the command's options, "..", the platform's
 * repository prefixes when its settings are known). Never throws, whatever
 * the fragment holds.
 */
export function dbtProblems(
  spec: unknown,
  settings?: Pick<DbtSettings, 'repositoryPrefixes'>,
  at: string = DBT_SPEC_PATH,
): Problem[] {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) {
    return [
      {
        path: at,
        message:
          'Give the dbt project as its repository, and if need be its branch, folder, schedule and command.',
      },
    ];
  }
  const fragment = spec as Record<string, unknown>;
  const checks: Array<[string, string | undefined]> = [
    [
      'repository',
      repositoryProblem(fragment.repository, settings?.repositoryPrefixes),
    ],
    [
      'revision',
      fragment.revision === undefined
        ? undefined
        : revisionProblem(fragment.revision),
    ],
    [
      'path',
      fragment.path === undefined
        ? undefined
        : projectPathProblem(fragment.path),
    ],
    ['schedule', cronProblem(fragment.schedule)],
    [
      'command',
      fragment.command === undefined
        ? undefined
        : dbtCommandProblem(fragment.command),
    ],
  ];
  return checks.flatMap(([field, message]) =>
    message ? [{ path: `${at}.${field}`, message }] : [],
  );
}
