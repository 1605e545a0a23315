import { InputError } from '@backstage/errors';

/** One thing wrong with a manifest, said so that an analyst can fix it. */
export interface Problem {
  /** Where, as a dotted path: `spec.access.owners.1`. */
  path: string;
  /** What is wrong and what to do. */
  message: string;
}

/** The outcome of a validation: the typed value, or every problem found. */
export type Validated<T> =
  | { ok: true; value: T }
  | { ok: false; problems: Problem[] };

/**
 * An error carrying every problem, for callers that throw. An InputError, so
 * that Backstage's error handler answers 400 with the problems' messages
 * wherever it reaches a route; its name stays InputError for that reason.
 */
export class ValidationError extends InputError {
  constructor(readonly problems: Problem[]) {
    super(problems.map(p => p.message).join(' '));
  }
}
