import { eventually } from './eventually';

/** A check that fails its first `failures` tries, each with its own message. */
function failingFirst(failures: number) {
  let tries = 0;
  return () => {
    tries++;
    if (tries <= failures) {
      throw new Error(`try ${tries} saw nothing yet`);
    }
    return `seen on try ${tries}`;
  };
}

/** What `promise` rejects with; a test of a failure fails if it resolves. */
async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure, but it passed');
}

describe('eventually', () => {
  it('returns what the check returns once it passes', async () => {
    await expect(eventually(failingFirst(3), { intervalMs: 1 })).resolves.toBe(
      'seen on try 4',
    );
  });

  it('takes an async check, and tries again after a rejection', async () => {
    const check = failingFirst(2);
    await expect(
      eventually(async () => check(), { intervalMs: 1 }),
    ).resolves.toBe('seen on try 3');
  });

  it('does not ask for the context of a check that passes', async () => {
    const context = jest.fn(() => 'the log');
    await eventually(failingFirst(1), { intervalMs: 1, context });
    expect(context).not.toHaveBeenCalled();
  });

  it('gives up with the last failure, how long it tried and the context', async () => {
    let last: Error | undefined;
    let tries = 0;
    const error = await failureOf(
      eventually(
        () => {
          tries++;
          last = new Error(`expected ready, got provisioning (try ${tries})`);
          throw last;
        },
        { timeoutMs: 30, intervalMs: 1, context: () => 'the stand-in logged:' },
      ),
    );
    expect(tries).toBeGreaterThan(1);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(
      `not passed within 30 ms (${tries} tries); the last try failed with:\n` +
        `expected ready, got provisioning (try ${tries})\n` +
        'the stand-in logged:',
    );
    expect(error.cause).toBe(last);
  });

  it('shows an assertion that never passes as jest wrote it', async () => {
    const error = await failureOf(
      eventually(() => expect('provisioning').toBe('ready'), {
        timeoutMs: 10,
        intervalMs: 1,
      }),
    );
    // Colours or not, the matcher's own words and both values are there.
    expect(error.message).toContain('the last try failed with:');
    expect(error.message).toContain('toBe');
    expect(error.message).toContain('"ready"');
    expect(error.message).toContain('"provisioning"');
  });

  it('shows a thrown value that is not an error', async () => {
    const error = await failureOf(
      eventually(
        () => {
          // What some clients throw: not an Error.
          // eslint-disable-next-line no-throw-literal
          throw 'not listening yet';
        },
        { timeoutMs: 10, intervalMs: 1 },
      ),
    );
    expect(error.message).toMatch(/failed with:\nnot listening yet$/);
  });

  it('tries once even with no time to wait', async () => {
    await expect(eventually(() => 'at once', { timeoutMs: 0 })).resolves.toBe(
      'at once',
    );
  });
});
