import {
  FailureFixer,
  FailureSubject,
  PROVIDER_FAILURES,
  ProviderFailure,
  ProviderFailureId,
  UNKNOWN_FAILURE,
} from './providerFailures';

/** A provider failure, told to the analyst. */
export interface FailureExplanation {
  id: ProviderFailureId;
  /** What happened, in one sentence in the analyst's terms. */
  happened: string;
  /** What to do about it, in one sentence. */
  toDo: string;
  /** Who can fix it. */
  fixer: FailureFixer;
  /** The provider's message as it wrote it, for the platform engineer. */
  details: string;
}

/**
 * Explains the message of a managed resource's failing condition, e.g.
 * "create failed: async create failed: failed to create the resource: [{0
 * Error creating Dataset: googleapi: Error 403: … accessDenied  []}]". An
 * unrecognised message gets the fallback explanation, never an error.
 */
export function explainProviderFailure(
  message: string,
  subject: FailureSubject,
): FailureExplanation {
  const failure = recognise(message);
  return {
    id: failure.id,
    happened: failure.happened(subject, message),
    toDo: failure.toDo,
    fixer: failure.fixer,
    details: message,
  };
}

function recognise(message: string): ProviderFailure {
  return (
    PROVIDER_FAILURES.find(failure =>
      failure.patterns.some(pattern => pattern.test(message)),
    ) ?? UNKNOWN_FAILURE
  );
}
