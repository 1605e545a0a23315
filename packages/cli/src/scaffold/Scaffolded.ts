import { DataDomain, Problem } from '@meshifi/common';

/** One answer that cannot be used, said for the person who gave it. */
export interface AnswerProblem {
  /** The answer, by its flag's name without dashes (name, owner, project, ...). */
  answer: string;
  message: string;
}

/** A manifest ready to write at its place in the repository, or why not. */
export type Scaffolded =
  | { ok: true; path: string; content: string }
  | { ok: false; problems: AnswerProblem[] };

/** What the GitOps repository holds, as far as a new manifest is checked against it. */
export interface ScaffoldRepository {
  /** Every file's path, relative to the root, with `/` between folders. */
  paths: string[];
  /** The domains its domain files define (those the model reads). */
  domains: DataDomain[];
}

/**
 * The answer a model problem is about, from the dotted path of the field
 * (`spec.access.owners.1` → owner): the longest prefix the table knows.
 */
export function answerOf(
  problem: Problem,
  answers: Record<string, string>,
  fallback: string,
): AnswerProblem {
  const known = Object.keys(answers)
    .filter(
      path => problem.path === path || problem.path.startsWith(`${path}.`),
    )
    .sort((a, b) => b.length - a.length)[0];
  return {
    answer: known ? answers[known] : fallback,
    message: problem.message,
  };
}
