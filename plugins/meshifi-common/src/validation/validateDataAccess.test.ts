import fc from 'fast-check';
import { dataAccessManifest } from '../model/manifests';
import { DataAccessSpec } from '../model/types';
import {
  EMAIL_PATTERN,
  SERVICE_ACCOUNT_EMAIL_PATTERN,
} from '../schema/patterns';
import { validateDataAccess } from './validateDataAccess';

const good = (spec: Partial<DataAccessSpec> = {}, name = 'marketing-orders') =>
  dataAccessManifest(name, 'sales', {
    product: 'customer-orders',
    consumer: {
      type: 'group',
      email: 'marketing@example.com',
      entityRef: 'group:default/marketing',
    },
    layer: 'curated',
    level: 'read',
    purpose: 'Campaign reporting on orders.',
    expires: '2027-03-31',
    ...spec,
  });

function problemsOf(manifest: unknown) {
  const result = validateDataAccess(manifest);
  if (result.ok) {
    throw new Error('expected problems, got none');
  }
  return result.problems;
}

describe('validateDataAccess', () => {
  it('accepts a complete grant and returns it typed', () => {
    expect(validateDataAccess(good())).toEqual({ ok: true, value: good() });
  });

  it('accepts a grant to a service account of another product, without layer or level', () => {
    const { layer: _layer, level: _level, ...spec } = good().spec;
    const grant = good({
      ...spec,
      consumer: {
        type: 'serviceAccount',
        email: 'dp-churn-model@acme-marketing.iam.gserviceaccount.com',
      },
    });
    delete grant.spec.layer;
    delete grant.spec.level;
    expect(validateDataAccess(grant).ok).toBe(true);
  });

  it.each([
    [
      'no expiry',
      { expires: undefined },
      'spec.expires',
      /Expiry date is missing/,
    ],
    [
      'an expiry that is no day',
      { expires: '2027-02-30' },
      'spec.expires',
      /not a day of the calendar/,
    ],
    [
      'an expiry with a time',
      { expires: '2027-03-31T12:00:00Z' },
      'spec.expires',
      /YYYY-MM-DD/,
    ],
    [
      'no purpose',
      { purpose: undefined },
      'spec.purpose',
      /Purpose is missing/,
    ],
    ['a purpose of one word', { purpose: 'because' }, 'spec.purpose', /why/],
    [
      'an unknown layer',
      { layer: 'gold' },
      'spec.layer',
      /raw, cleaned, curated/,
    ],
    ['an unknown level', { level: 'write' }, 'spec.level', /read/],
    [
      'a product that is no name',
      { product: '../orders' },
      'spec.product',
      /Name the data product/,
    ],
    [
      'a consumer without an email',
      { consumer: { type: 'user' } },
      'spec.consumer.email',
      /Consumer email is missing/,
    ],
    [
      'a consumer of an unknown type',
      { consumer: { type: 'domain', email: 'example.com' } },
      'spec.consumer.type',
      /user, a group or a serviceAccount/,
    ],
    [
      'a person given as a service account',
      { consumer: { type: 'serviceAccount', email: 'ana@example.com' } },
      'spec.consumer.email',
      /not a service account's email/,
    ],
    [
      'a service account given as a user',
      {
        consumer: {
          type: 'user',
          email: 'dp-x-model@acme-marketing.iam.gserviceaccount.com',
        },
      },
      'spec.consumer.type',
      /make the consumer's type serviceAccount/,
    ],
  ])('refuses %s, saying where and what to do', (_why, spec, path, message) => {
    const problems = problemsOf(good(spec as Partial<DataAccessSpec>));
    expect(problems).toContainEqual({
      path,
      message: expect.stringMatching(message),
    });
  });

  it.each(['Marketing', 'a', 'x'.repeat(64), 'orders-', 'orders.q1'])(
    'refuses the grant name %p',
    name => {
      expect(problemsOf(good({}, name))).toContainEqual({
        path: 'metadata.name',
        message: expect.stringContaining('grant name'),
      });
    },
  );

  it('never throws, and accepts exactly the emails IAM accepts, for any consumer text', () => {
    const emailPattern = new RegExp(EMAIL_PATTERN);
    const serviceAccountPattern = new RegExp(SERVICE_ACCOUNT_EMAIL_PATTERN);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.emailAddress(),
          fc
            .tuple(
              fc.stringMatching(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/),
              fc.stringMatching(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/),
            )
            .map(([id, project]) => `${id}@${project}.iam.gserviceaccount.com`),
          fc.string({ maxLength: 80 }),
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc.constantFrom(
            'ana@example.com\nuser:eve@evil.com',
            'user:ana@example.com',
            'ana@example.com"',
            'allUsers',
            'allAuthenticatedUsers',
            'ana@exämple.com',
          ),
        ),
        fc.constantFrom('user', 'group', 'serviceAccount'),
        (email, type) => {
          const result = validateDataAccess(
            good({ consumer: { type: type as 'user', email } }),
          );
          const accepted =
            emailPattern.test(email) &&
            email.length <= 254 &&
            (type === 'serviceAccount'
              ? serviceAccountPattern.test(email)
              : !email.endsWith('.gserviceaccount.com'));
          expect(result.ok).toBe(accepted);
          const paths = result.ok ? [] : result.problems.map(p => p.path);
          expect(paths.length > 0).toBe(!accepted);
          expect(paths.filter(p => !p.startsWith('spec.consumer.'))).toEqual(
            [],
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never throws on anything at all', () => {
    fc.assert(
      fc.property(fc.anything(), value => {
        const result = validateDataAccess(value);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
