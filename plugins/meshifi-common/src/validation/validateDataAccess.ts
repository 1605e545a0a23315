import { expiryDayProblem } from '../access/accessExpiry';
import { DataAccess } from '../model/types';
import { nameProblem } from '../naming/productName';
import { dataAccessSpecSchema } from '../schema/dataAccessSchema';
import { SERVICE_ACCOUNT_EMAIL_PATTERN } from '../schema/patterns';
import { Problem, Validated } from './Problem';
import { manifestSchema } from './manifestSchema';
import { schemaValidator } from './schemaValidator';

const validateSchema = schemaValidator<DataAccess>(
  manifestSchema('DataAccess', dataAccessSpecSchema, 'Grant name'),
);

const serviceAccountEmail = new RegExp(SERVICE_ACCOUNT_EMAIL_PATTERN);

/**
 * Rules a schema cannot say. A service account's address granted as `user:`
 * (or a person's as `serviceAccount:`) is refused by Google Cloud only when
 * the grant is applied; saying so here tells the requester at once.
 */
function crossFieldProblems(grant: DataAccess): Problem[] {
  const problems: Problem[] = [];
  // The grant's name names what it composes and labels it (at most 63).
  const nameIssue = nameProblem(grant.metadata.name, 'grant name');
  if (nameIssue) {
    problems.push({ path: 'metadata.name', message: nameIssue });
  }
  const { type, email } = grant.spec.consumer;
  const isServiceAccount = serviceAccountEmail.test(email);
  if (type === 'serviceAccount' && !isServiceAccount) {
    problems.push({
      path: 'spec.consumer.email',
      message: `${email} is not a service account's email: give one such as dp-orders@acme-sales.iam.gserviceaccount.com, or make the consumer a user or group.`,
    });
  }
  if (type !== 'serviceAccount' && email.endsWith('.gserviceaccount.com')) {
    problems.push({
      path: 'spec.consumer.type',
      message: `${email} is a service account: make the consumer's type serviceAccount.`,
    });
  }
  const dayIssue = expiryDayProblem(grant.spec.expires);
  if (dayIssue) {
    problems.push({ path: 'spec.expires', message: dayIssue });
  }
  return problems;
}

/**
 * Checks a DataAccess manifest against its schema and the rules between its
 * fields, returning every problem at once. Whether the layer may be shared
 * and the expiry is within the platform's limits depends on the platform and
 * the day: see accessPolicyProblems.
 */
export function validateDataAccess(manifest: unknown): Validated<DataAccess> {
  const result = validateSchema(manifest);
  if (!result.ok) {
    return result;
  }
  const problems = crossFieldProblems(result.value);
  return problems.length ? { ok: false, problems } : result;
}
