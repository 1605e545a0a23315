/** The fewest characters a reason for declining may have. */
export const DECLINE_REASON_MIN_LENGTH = 10;

/** The most characters a reason may have: as long as a request's purpose. */
export const DECLINE_REASON_MAX_LENGTH = 1000;

/**
 * What is missing from a reason for declining, or undefined when it will
 * do. The person who asked reads it, so "no" is not enough: a few words
 * that tell them why, or what to ask for instead.
 */
export function declineReasonProblem(reason: string): string | undefined {
  const length = reason.trim().length;
  if (length < DECLINE_REASON_MIN_LENGTH) {
    return `Write a few words (at least ${DECLINE_REASON_MIN_LENGTH} characters) so they know why.`;
  }
  if (length > DECLINE_REASON_MAX_LENGTH) {
    return `Keep it under ${DECLINE_REASON_MAX_LENGTH} characters.`;
  }
  return undefined;
}
