import fc from 'fast-check';
import { fivetranProblems } from './fivetranProblems';
import { settings, spec } from './testing/fixtures';

describe('fivetranProblems', () => {
  it('finds none in connections the platform offers', () => {
    expect(fivetranProblems(spec, settings)).toEqual([]);
    expect(fivetranProblems(spec)).toEqual([]);
  });

  it('finds a name used twice', () => {
    const twice = {
      connections: [
        spec.connections[0],
        { ...spec.connections[1], name: 'shop' },
      ],
    };
    expect(fivetranProblems(twice)).toEqual([
      {
        path: 'spec.capabilities.fivetran.connections.1.name',
        message:
          'The connection name "shop" is used twice: give each connection its own name.',
      },
    ]);
  });

  it('finds a sync frequency Fivetran does not offer', () => {
    const every7 = {
      connections: [{ ...spec.connections[0], syncFrequency: 7 }],
    };
    expect(fivetranProblems(every7)).toEqual([
      expect.objectContaining({
        path: 'spec.capabilities.fivetran.connections.0.syncFrequency',
        message: expect.stringContaining('5, 15, 30, 60'),
      }),
    ]);
  });

  it('with the settings, names the connectors the platform offers instead of one it does not', () => {
    const postgres = {
      connections: [{ ...spec.connections[0], connector: 'postgres' }],
    };
    expect(fivetranProblems(postgres)).toEqual([]);
    expect(fivetranProblems(postgres, settings)).toEqual([
      {
        path: 'spec.capabilities.fivetran.connections.0.connector',
        message:
          'The connector "postgres" is not one this platform offers: pick one of google_sheets (Google Sheets), stripe (Stripe), sftp (SFTP), or ask the platform team to add it.',
      },
    ]);
    const proto = {
      connections: [{ ...spec.connections[0], connector: 'constructor' }],
    };
    expect(fivetranProblems(proto, settings)).toHaveLength(1);
  });

  it('with the settings, allows one connection named after the raw dataset', () => {
    const twoStripes = {
      connections: [
        spec.connections[1],
        { ...spec.connections[1], name: 'refunds' },
      ],
    };
    expect(fivetranProblems(twoStripes, settings)).toEqual([
      expect.objectContaining({
        path: 'spec.capabilities.fivetran.connections.1.connector',
        message: expect.stringContaining('google_sheets, sftp'),
      }),
    ]);
    const twoSheets = {
      connections: [
        spec.connections[0],
        { ...spec.connections[0], name: 'returns' },
      ],
    };
    expect(fivetranProblems(twoSheets, settings)).toEqual([]);
  });

  it('asks for connections when there are none', () => {
    expect(fivetranProblems({ connections: [] })).toEqual([
      {
        path: 'spec.capabilities.fivetran.connections',
        message: 'List between 1 and 20 connections, or turn Fivetran off.',
      },
    ]);
  });

  it('never throws, and says every problem in words with a path under the capability (fast-check)', () => {
    const connection = fc.record(
      {
        name: fc.oneof(fc.string(), fc.anything()),
        connector: fc.oneof(
          fc.constantFrom('stripe', 'google_sheets', '__proto__', 'toString'),
          fc.anything(),
        ),
        syncFrequency: fc.anything(),
        credentialsSecret: fc.anything(),
      },
      { requiredKeys: [] },
    );
    const input = fc.oneof(
      fc.anything(),
      fc.record({
        connections: fc.oneof(
          fc.array(connection, { maxLength: 25 }),
          fc.anything(),
        ),
      }),
    );
    fc.assert(
      fc.property(input, fc.boolean(), (value, withSettings) => {
        const problems = fivetranProblems(
          value,
          withSettings ? settings : undefined,
        );
        for (const problem of problems) {
          expect(problem.path).toMatch(
            /^spec\.capabilities\.fivetran\.connections/,
          );
          expect(typeof problem.message).toBe('string');
          expect(problem.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
