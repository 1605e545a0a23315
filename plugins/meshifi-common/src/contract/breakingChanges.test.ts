import fc from 'fast-check';
import { ContractColumn, OutputPort } from '../model/types';
import {
  BIGQUERY_COLUMN_TYPES,
  COLUMN_MODES,
  ColumnMode,
} from './bigQueryTypes';
import { breakingChanges } from './breakingChanges';
import { versionRuleProblems } from './versionRule';
import { edited, orders } from './__testUtils__/ordersPort';

describe('breakingChanges', () => {
  it('finds none between a port and itself', () => {
    expect(breakingChanges([orders()], [orders()])).toEqual([]);
  });

  it.each<[string, (port: OutputPort) => void]>([
    [
      'a nullable column added',
      port => port.contract.columns.push({ name: 'note', type: 'STRING' }),
    ],
    [
      'a required column added',
      port =>
        port.contract.columns.push({
          name: 'note',
          type: 'STRING',
          mode: 'REQUIRED',
        }),
    ],
    ['a description changed', port => (port.description = 'Every order.')],
    [
      'a column described',
      port => (port.contract.columns[1].description = 'In euros.'),
    ],
    [
      'a nullable column made required',
      port => (port.contract.columns[1].mode = 'REQUIRED'),
    ],
    [
      'NULLABLE written out where it was left out',
      port => (port.contract.columns[1].mode = 'NULLABLE'),
    ],
    [
      'a column renamed in case only',
      port => (port.contract.columns[1].name = 'Amount'),
    ],
    [
      'the key written in another case',
      port => (port.contract.primaryKey = ['ORDER_ID']),
    ],
    ['the columns reordered', port => port.contract.columns.reverse()],
    [
      'a freshness promised',
      port => (port.contract.freshness = { refreshEvery: '1h' }),
    ],
  ])('breaks no reader with %s', (_, change) => {
    expect(breakingChanges([orders()], edited(change))).toEqual([]);
  });

  it('breaks no reader with a table added', () => {
    const added = { ...orders(), name: 'refunds' };
    expect(breakingChanges([orders()], [orders(), added])).toEqual([]);
  });

  it.each<[string, (port: OutputPort) => void, string[]]>([
    [
      'a column removed',
      port => port.contract.columns.splice(1, 1),
      ['"amount"', 'removed'],
    ],
    [
      'a column retyped',
      port => (port.contract.columns[1].type = 'FLOAT64'),
      ['"amount"', 'NUMERIC', 'FLOAT64'],
    ],
    [
      'a required column made nullable',
      port => (port.contract.columns[0].mode = undefined),
      ['"order_id"', 'REQUIRED', 'NULLABLE'],
    ],
    [
      'a list made a single value',
      port => (port.contract.columns[2].mode = 'NULLABLE'),
      ['"tags"', 'REPEATED'],
    ],
    [
      'a single value made a list',
      port => (port.contract.columns[1].mode = 'REPEATED'),
      ['"amount"', 'REPEATED'],
    ],
    [
      'the primary key changed',
      port => (port.contract.primaryKey = ['order_id', 'amount']),
      ['primary key', 'order_id, amount'],
    ],
    [
      'the primary key dropped',
      port => (port.contract.primaryKey = undefined),
      ['primary key', 'none'],
    ],
  ])('breaks readers with %s, and says what changed', (_, change, words) => {
    const changes = breakingChanges([orders()], edited(change));
    expect(changes).toHaveLength(1);
    expect(changes[0].port).toBe('orders');
    for (const word of words) {
      expect(changes[0].change).toContain(word);
    }
  });

  it('breaks readers with a table removed', () => {
    expect(breakingChanges([orders()], [])).toEqual([
      { port: 'orders', change: expect.stringContaining('"orders"') },
    ]);
  });

  it('reports every breaking change at once, table by table', () => {
    const refunds = { ...orders(), name: 'refunds' };
    const changes = breakingChanges(
      [orders(), refunds],
      edited(port => {
        port.contract.columns.splice(1, 1);
        port.contract.columns[0].type = 'INT64';
      }),
    );
    expect(changes.map(c => c.port)).toEqual(['orders', 'orders', 'refunds']);
  });
});

describe('versionRuleProblems', () => {
  const removed = edited(port => port.contract.columns.splice(1, 1));

  it('accepts a breaking change with a new major version', () => {
    expect(
      versionRuleProblems(
        { version: '1.4.2', ports: [orders()] },
        { version: '2.0.0', ports: removed },
      ),
    ).toEqual([]);
  });

  it('refuses a breaking change without, naming the version to give', () => {
    const problems = versionRuleProblems(
      { version: '1.4.2', ports: [orders()] },
      { version: '1.5.0', ports: removed },
    );
    expect(problems).toEqual([
      {
        path: 'spec.info.version',
        message: expect.stringContaining('2.0.0'),
      },
    ]);
    expect(problems[0].message).toContain('"amount"');
  });

  it('accepts a change that breaks no one in a minor version, or none at all', () => {
    const added = edited(port =>
      port.contract.columns.push({ name: 'note', type: 'STRING' }),
    );
    for (const version of ['1.4.2', '1.4.3', '1.5.0']) {
      expect(
        versionRuleProblems(
          { version: '1.4.2', ports: [orders()] },
          { version, ports: added },
        ),
      ).toEqual([]);
    }
  });

  it('accepts any change of a product that was only proposed: no one read it', () => {
    expect(
      versionRuleProblems(
        { version: '0.1.0', ports: [orders()], status: 'proposed' },
        { version: '0.2.0', ports: removed },
      ),
    ).toEqual([]);
  });

  it('refuses a version that goes back, once', () => {
    expect(
      versionRuleProblems(
        { version: '2.1.0', ports: [orders()] },
        { version: '1.9.0', ports: removed },
      ),
    ).toEqual([
      {
        path: 'spec.info.version',
        message: expect.stringContaining('2.0.0'),
      },
    ]);
  });
});

/** One edit of a port, and whether it breaks whoever reads it. */
interface Edit {
  apply: (ports: OutputPort[]) => OutputPort[];
  /** How many breaking changes it makes, and which columns they name. */
  breaks: number;
  names?: string[];
  /** How many changes BigQuery cannot make to a table that exists. */
  impossible?: number;
}

const columnName = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
const columnType = fc.constantFrom(...BIGQUERY_COLUMN_TYPES);
const columnMode = fc.option(fc.constantFrom(...COLUMN_MODES), {
  nil: undefined,
});
const modeOf = (mode?: ColumnMode) => mode ?? 'NULLABLE';

const validPort: fc.Arbitrary<OutputPort> = fc
  .record({
    columns: fc.uniqueArray(
      fc.record({
        name: columnName,
        type: columnType,
        mode: columnMode,
        description: fc.option(fc.string(), { nil: undefined }),
      }),
      {
        minLength: 1,
        maxLength: 8,
        selector: column => column.name.toLowerCase(),
      },
    ),
    keySize: fc.nat(2),
  })
  .map(({ columns, keySize }) => ({
    name: 'orders',
    contract: {
      columns: columns as ContractColumn[],
      primaryKey: columns.slice(0, keySize).map(column => column.name),
    },
  }));

const copy = (ports: OutputPort[]): OutputPort[] =>
  JSON.parse(JSON.stringify(ports));

function editsOf(port: OutputPort): fc.Arbitrary<Edit> {
  const columns = port.contract.columns;
  const at = fc.nat(columns.length - 1);
  const taken = new Set(columns.map(c => c.name.toLowerCase()));
  const key = (port.contract.primaryKey ?? []).join(',').toLowerCase();
  return fc.oneof(
    columnName
      .filter(name => !taken.has(name.toLowerCase()))
      .map(name => ({
        apply: (ports: OutputPort[]) => {
          const next = copy(ports);
          next[0].contract.columns.push({ name, type: 'STRING' });
          return next;
        },
        breaks: 0,
      })),
    at.map(index => ({
      apply: (ports: OutputPort[]) => {
        const next = copy(ports);
        next[0].contract.columns.splice(index, 1);
        return next;
      },
      // A removed key column stays named in the key: the key is unchanged.
      breaks: 1,
      names: [columns[index].name],
    })),
    fc
      .tuple(at, columnType)
      .filter(([index, type]) => columns[index].type !== type)
      .map(([index, type]) => ({
        apply: (ports: OutputPort[]) => {
          const next = copy(ports);
          next[0].contract.columns[index].type = type;
          return next;
        },
        breaks: 1,
        impossible: 1,
        names: [columns[index].name],
      })),
    fc
      .tuple(at, columnMode)
      .filter(([index, mode]) => modeOf(columns[index].mode) !== modeOf(mode))
      .map(([index, mode]) => {
        const before = modeOf(columns[index].mode);
        const strengthened = before === 'NULLABLE' && mode === 'REQUIRED';
        // BigQuery only relaxes REQUIRED to NULLABLE in place.
        const relaxed = before === 'REQUIRED' && modeOf(mode) === 'NULLABLE';
        return {
          apply: (ports: OutputPort[]) => {
            const next = copy(ports);
            next[0].contract.columns[index].mode = mode;
            return next;
          },
          breaks: strengthened ? 0 : 1,
          names: strengthened ? [] : [columns[index].name],
          impossible: relaxed ? 0 : 1,
        };
      }),
    fc
      .subarray(
        columns.map(c => c.name),
        { maxLength: Math.min(3, columns.length) },
      )
      .filter(names => names.join(',').toLowerCase() !== key)
      .map(names => ({
        apply: (ports: OutputPort[]) => {
          const next = copy(ports);
          next[0].contract.primaryKey = names;
          return next;
        },
        breaks: 1,
      })),
    fc.tuple(at, fc.string()).map(([index, description]) => ({
      apply: (ports: OutputPort[]) => {
        const next = copy(ports);
        next[0].description = description;
        next[0].contract.columns[index].description = description;
        return next;
      },
      breaks: 0,
    })),
    fc.constant<Edit>({
      apply: (ports: OutputPort[]) => [
        ...copy(ports),
        { ...copy(ports)[0], name: 'refunds' },
      ],
      breaks: 0,
    }),
    fc.constant<Edit>({ apply: () => [], breaks: 1, names: ['orders'] }),
  );
}

describe('breakingChanges and the version rule, on random edits', () => {
  const portAndEdit = validPort.chain(port =>
    fc.tuple(fc.constant(port), editsOf(port)),
  );

  it('reports exactly the edits that break readers', () => {
    fc.assert(
      fc.property(portAndEdit, ([port, edit]) => {
        const changes = breakingChanges([port], edit.apply([port]));
        expect(changes).toHaveLength(edit.breaks);
        for (const name of edit.names ?? []) {
          expect(changes[0].change).toContain(`"${name}"`);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts any edit BigQuery can make with a higher major version, refuses the breaking ones without, and the ones BigQuery cannot make with any version, each once', () => {
    fc.assert(
      fc.property(
        portAndEdit,
        fc.nat(20),
        fc.nat(20),
        fc.integer({ min: 1, max: 5 }),
        ([port, edit], major, minor, raise) => {
          const before = { version: `${major}.${minor}.0`, ports: [port] };
          const ports = edit.apply([port]);
          const impossible = edit.impossible ?? 0;
          const withMajor = versionRuleProblems(before, {
            version: `${major + raise}.0.0`,
            ports,
          });
          expect(withMajor).toHaveLength(impossible);
          for (const problem of withMajor) {
            expect(problem.message).toContain('BigQuery cannot');
          }
          const problems = versionRuleProblems(before, {
            version: `${major}.${minor + 1}.0`,
            ports,
          });
          // An edit of one column is said once: as a change BigQuery cannot
          // make when it is one, else as one that needs a major version.
          expect(problems).toHaveLength(impossible || edit.breaks);
          for (const problem of problems) {
            expect(problem.message).toContain(
              impossible ? 'BigQuery cannot' : `${major + 1}.0.0`,
            );
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
