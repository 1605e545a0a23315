import fc from 'fast-check';
import { KubernetesError, toKubernetesError } from './KubernetesError';

/**
 * Whatever a cluster, a proxy in front of it or a broken client throws
 * reaches toKubernetesError, and its message reaches logs and pages: these
 * properties hold for any value, not only the shapes client-node produces.
 */

/** Any text, control characters and line breaks of every kind included. */
const anyText = fc.string({ unit: 'binary' });

/** A value shaped like what client-node and fetch throw, with hostile fields. */
const failureLike = fc.record(
  {
    code: fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.string()),
    statusCode: fc.oneof(fc.integer({ min: 0, max: 999 }), fc.string()),
    message: fc.oneof(anyText, fc.anything()),
    kind: fc.constantFrom('Status', 'List', undefined),
    body: fc.oneof(
      fc.string(),
      fc.anything(),
      fc
        .record({
          kind: fc.constant('Status'),
          code: fc.integer({ min: 100, max: 599 }),
          message: anyText,
          reason: fc.string(),
        })
        .map(status => JSON.stringify(status)),
    ),
    cause: fc.record({ code: fc.oneof(fc.string(), fc.anything()) }),
  },
  { requiredKeys: [] },
);

const anyThrown = fc.oneof(
  fc.anything(),
  failureLike,
  anyText,
  anyText.map(text => new Error(text)),
);

/** Text that cannot hold the secret by chance, nor end a URL early. */
const words = fc.string({
  unit: fc.constantFrom(...'abc xyz,.:;!?-()[]{}\n\t'.split('')),
});

const secret = fc.stringMatching(/^[A-Z0-9]{12,24}$/);

describe('toKubernetesError on any thrown value', () => {
  it('never throws, and says one non-empty line', () => {
    fc.assert(
      fc.property(anyThrown, thrown => {
        const error = toKubernetesError(thrown);
        expect(error).toBeInstanceOf(KubernetesError);
        expect(error.message.length).toBeGreaterThan(0);
        expect(error.message).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps what was thrown as the cause', () => {
    fc.assert(
      fc.property(anyThrown, thrown => {
        fc.pre(!(thrown instanceof KubernetesError));
        expect(toKubernetesError(thrown).cause).toBe(thrown);
      }),
      { numRuns: 1000 },
    );
  });

  it('types every answer of the API server by its HTTP status', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), code => {
        const { type, statusCode } = toKubernetesError({ code });
        expect(statusCode).toBe(code);
        expect(type).not.toBe('UNKNOWN');
        expect(type).not.toBe('UNREACHABLE');
        expect(['SYSTEM_ERROR', 'SERVICE_UNAVAILABLE'].includes(type)).toBe(
          code >= 500 || code === 429,
        );
      }),
      { numRuns: 1000 },
    );
  });

  /** Where a URL with a password can sit in what a request throws. */
  const carriers: Record<string, (text: string) => unknown> = {
    'an error message': text => new Error(text),
    "the API server's Status": text => ({
      code: 500,
      body: JSON.stringify({ kind: 'Status', code: 500, message: text }),
    }),
    'a failed connection': text => ({ code: 'ECONNREFUSED', message: text }),
    'a watch ERROR event': text => ({
      kind: 'Status',
      code: 410,
      message: text,
    }),
  };

  it('never repeats the password of a URL, wherever the URL is', () => {
    fc.assert(
      fc.property(
        secret,
        words,
        words,
        fc.constantFrom(...Object.values(carriers)),
        (password, before, after, carry) => {
          const text = `${before} https://admin:${password}@cluster.example/apis ${after}`;
          expect(toKubernetesError(carry(text)).message).not.toContain(
            password,
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
});
