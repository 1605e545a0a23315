import fc from 'fast-check';
import { readFileSync } from 'fs';
import path from 'path';
import { parse, stringify } from 'yaml';
import { OutputPort } from '../model/types';
import { BIGQUERY_COLUMN_TYPES } from '../contract/bigQueryTypes';
import {
  outputPortArbitrary,
  productWithPortsArbitrary,
} from './__testUtils__/arbitraries';
import {
  officialSchemasNote,
  officialSchemasPresent,
  officialValidator,
} from './__testUtils__/officialSchemas';
import { ordersPort, sampleProduct } from './__testUtils__/sampleProducts';
import {
  ImportedOdcsContract,
  MAX_IMPORT_PROBLEMS,
  outputPortFromOdcs,
} from './importOdcsContract';
import { odcsContractOf, odcsYamlOf } from './odcsContract';
import { STANDARD_YAML_MAX_CHARACTERS } from './readStandardYaml';

const describeWithSchemas = officialSchemasPresent ? describe : describe.skip;

const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');

/** The port read from a contract, failing the test with its problems if none. */
function imported(text: string): ImportedOdcsContract {
  const result = outputPortFromOdcs(text);
  if (!result.ok) {
    throw new Error(result.problems.map(p => p.message).join('\n'));
  }
  return result.value;
}

/** The problems of a contract meshifi refuses. */
function problemsOf(text: string) {
  const result = outputPortFromOdcs(text);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

/** A port as an import gives it back: nothing empty, NULLABLE left out, rules in any order. */
function normalized(port: OutputPort) {
  const rules = (port.contract.quality ?? [])
    .map(rule => JSON.stringify(rule))
    .sort();
  return {
    name: port.name,
    description: port.description || undefined,
    columns: port.contract.columns.map(column => ({
      name: column.name,
      type: column.type,
      mode: column.mode === 'NULLABLE' ? undefined : column.mode,
      description: column.description || undefined,
      personalData: column.personalData || undefined,
    })),
    primaryKey: port.contract.primaryKey?.length
      ? port.contract.primaryKey
      : undefined,
    freshness: port.contract.freshness,
    rules,
  };
}

/** A contract as meshifi writes it, to change in tests. */
const contract = () =>
  JSON.parse(JSON.stringify(odcsContractOf(sampleProduct(), ordersPort)));

describe('outputPortFromOdcs', () => {
  it('reads back every port meshifi exports', () => {
    fc.assert(
      fc.property(productWithPortsArbitrary, product => {
        for (const port of product.spec.outputPorts!) {
          const result = imported(odcsYamlOf(product, port));
          expect(normalized(result.port)).toEqual(normalized(port));
          expect(result.leftOut).toEqual([]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("suggests the exporting product's name, version and description", () => {
    const product = sampleProduct();
    expect(imported(odcsYamlOf(product, ordersPort)).info).toEqual({
      name: product.spec.info.name,
      version: product.spec.info.version,
      description: product.spec.info.description,
    });
  });

  describe('a contract laid out as the standard’s examples are', () => {
    const result = () => imported(fixture('full-table-contract.odcs.yaml'));

    it('gives the first table, its columns and their BigQuery types', () => {
      const { port } = result();
      expect(port.name).toBe('orders_by_day');
      expect(port.description).toBe('One row per customer and day.');
      expect(port.contract.columns).toEqual([
        { name: 'order_day', type: 'DATE', mode: 'REQUIRED' },
        { name: 'customer_id', type: 'STRING', mode: 'REQUIRED' },
        { name: 'customer_email', type: 'STRING', personalData: true },
        {
          name: 'total',
          type: 'NUMERIC',
          description: "Sum of the day's orders, in euros.",
        },
        { name: 'order_ids', type: 'INT64', mode: 'REPEATED' },
      ]);
    });

    it('orders the key by the positions the contract gives', () => {
      expect(result().port.contract.primaryKey).toEqual([
        'customer_id',
        'order_day',
      ]);
    });

    it('keeps the checks meshifi can promise, and says which it leaves out', () => {
      const { port, leftOut } = result();
      expect(port.contract.quality).toEqual([
        { rule: 'notNull', column: 'customer_id' },
        { rule: 'unique', column: 'order_ids' },
        { rule: 'rowCountAbove', value: 1000 },
      ]);
      expect(leftOut).toEqual(
        expect.arrayContaining([
          expect.stringContaining('"invalidValues" on the column "total"'),
          expect.stringContaining('"Totals are never negative." on the table'),
        ]),
      );
    });

    it('keeps freshness from frequency and latency, and says retention is left out', () => {
      const { port, leftOut } = result();
      expect(port.contract.freshness).toEqual({
        refreshEvery: '1d',
        maxDelay: '4h',
      });
      expect(leftOut).toEqual(
        expect.arrayContaining([expect.stringContaining('"retention"')]),
      );
    });

    it('imports the first of several tables and says so', () => {
      expect(result().leftOut).toEqual(
        expect.arrayContaining([
          'The contract describes 2 tables: only the first, "orders_by_day", is imported.',
        ]),
      );
    });

    it('suggests a product name made of the product it names, and keeps the words as title', () => {
      expect(result().info).toEqual({
        name: 'customer-orders',
        title: 'Customer Orders',
        version: '2.1.0',
        description: 'Daily orders of each customer, for sales and finance.',
      });
    });
  });

  it('gives columns of logical types only the BigQuery type that holds them', () => {
    const { port } = imported(fixture('logical-types-contract.odcs.yaml'));
    expect(
      Object.fromEntries(
        port.contract.columns.map(c => [c.name, [c.type, c.mode]]),
      ),
    ).toEqual({
      event_id: ['INT64', 'REQUIRED'],
      label: ['STRING', undefined],
      score: ['NUMERIC', undefined],
      ratio: ['FLOAT64', undefined],
      happened_at: ['TIMESTAMP', undefined],
      local_time: ['DATETIME', undefined],
      day: ['DATE', undefined],
      at: ['TIME', undefined],
      valid: ['BOOL', undefined],
      payload: ['JSON', undefined],
      labels: ['STRING', 'REPEATED'],
      legacy_count: ['INT64', undefined],
      legacy_flag: ['BOOL', undefined],
    });
  });

  it('reads a contract written as JSON', () => {
    const text = JSON.stringify(contract());
    expect(imported(text).port.name).toBe(ordersPort.name);
  });

  describe('refuses, saying what to do,', () => {
    it('a column whose physical type is not a BigQuery type, naming the column and the types', () => {
      const document = contract();
      document.schema[0].properties[2].physicalType = 'VARCHAR(255)';
      const [problem] = problemsOf(stringify(document));
      expect(problem.path).toBe('schema.0.properties.2.physicalType');
      expect(problem.message).toContain('"total"');
      expect(problem.message).toContain('"VARCHAR(255)"');
      for (const type of BIGQUERY_COLUMN_TYPES) {
        expect(problem.message).toContain(type);
      }
    });

    it('a column of a logical type ODCS does not define', () => {
      const document = contract();
      delete document.schema[0].properties[0].physicalType;
      document.schema[0].properties[0].logicalType = 'float';
      const [problem] = problemsOf(stringify(document));
      expect(problem.message).toContain('"order_day"');
      expect(problem.message).toContain('"float"');
      expect(problem.message).toContain('string, date, timestamp');
    });

    it('a column without any type', () => {
      const document = contract();
      delete document.schema[0].properties[0].physicalType;
      delete document.schema[0].properties[0].logicalType;
      expect(problemsOf(stringify(document))[0].message).toMatch(
        /"order_day" has no type/,
      );
    });

    it('a column whose name BigQuery would refuse', () => {
      const document = contract();
      document.schema[0].properties[1].name = 'customer email';
      const [problem] = problemsOf(stringify(document));
      expect(problem.path).toBe('schema.0.properties.1.name');
      expect(problem.message).toContain('"customer email"');
    });

    it('two columns BigQuery takes for one', () => {
      const document = contract();
      document.schema[0].properties[2].name = 'ORDER_DAY';
      const problems = problemsOf(stringify(document));
      expect(problems.map(p => p.path)).toContain('schema.0.properties.2');
      expect(problems.map(p => p.message).join(' ')).toMatch(/twice/);
    });

    it('a column with fields of its own', () => {
      const document = contract();
      document.schema[0].properties[0] = {
        name: 'address',
        logicalType: 'object',
        properties: [{ name: 'street', logicalType: 'string' }],
      };
      expect(problemsOf(stringify(document))[0].message).toMatch(
        /"address" holds fields of its own/,
      );
    });

    it('a table meshifi cannot name, unless its physical name can be', () => {
      const document = contract();
      document.schema[0].name = 'Orders By Day';
      expect(imported(stringify(document)).port.name).toBe('orders_by_day');
      delete document.schema[0].physicalName;
      expect(problemsOf(stringify(document))[0].message).toMatch(
        /"Orders By Day", which meshifi cannot use as a table name/,
      );
    });

    it('a contract without a table or without columns', () => {
      expect(
        problemsOf(stringify({ ...contract(), schema: [] }))[0].message,
      ).toMatch(/describes no table/);
      const document = contract();
      document.schema[0].properties = [];
      expect(problemsOf(stringify(document))[0].message).toMatch(
        /has no columns/,
      );
    });

    it('a freshness that cannot be kept', () => {
      const document = contract();
      document.slaProperties = [{ property: 'frequency', value: 1, unit: 'm' }];
      expect(problemsOf(stringify(document))[0].message).toMatch(
        /frequency .* cannot be kept: give a whole number of min, h, d or weeks/,
      );
      document.slaProperties = [
        { property: 'frequency', value: 2, unit: 'weeks' },
      ];
      expect(imported(stringify(document)).port.contract.freshness).toEqual({
        refreshEvery: '14d',
      });
    });

    it('a data product instead of a contract, another kind, an older version of the standard', () => {
      expect(
        problemsOf(
          stringify({ apiVersion: 'v1.0.0', kind: 'DataProduct', id: 'x' }),
        )[0].message,
      ).toMatch(/describes a data product \(ODPS\)/);
      expect(
        problemsOf(stringify({ ...contract(), kind: 'Pipeline' }))[0].message,
      ).toMatch(/its kind is "Pipeline"/);
      expect(
        problemsOf(stringify({ ...contract(), apiVersion: 'v2.2.2' }))[0]
          .message,
      ).toMatch(/meshifi reads ODCS version 3/);
    });

    it(`more than ${MAX_IMPORT_PROBLEMS} problems, listing the first ones`, () => {
      const document = contract();
      document.schema[0].properties = Array.from({ length: 30 }, (_, i) => ({
        name: `column ${i}`,
        physicalType: 'STRING',
      }));
      const problems = problemsOf(stringify(document));
      expect(problems).toHaveLength(MAX_IMPORT_PROBLEMS + 1);
      expect(problems[MAX_IMPORT_PROBLEMS].message).toBe(
        'And 10 more problems: fix these first and try again.',
      );
    });
  });

  describe('hostile files', () => {
    it('refuses a file above the size limit without reading it', () => {
      const text = `# ${'x'.repeat(STANDARD_YAML_MAX_CHARACTERS)}\n`;
      const started = Date.now();
      expect(problemsOf(text)[0].message).toMatch(/The file is too large/);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('refuses anchors and aliases, so that a small file cannot expand without end', () => {
      const laughs = [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        ...Array.from(
          { length: 8 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(
              98 + i,
            )} [${Array(9)
              .fill(`*${String.fromCharCode(97 + i)}`)
              .join(',')}]`,
        ),
      ].join('\n');
      expect(problemsOf(laughs)[0].message).toMatch(/anchors and aliases/);
    });

    it('refuses custom tags, several documents and repeated keys', () => {
      expect(
        problemsOf('kind: !!js/function "function(){}"')[0].message,
      ).toMatch(/Remove the YAML tags/);
      expect(
        problemsOf('kind: DataContract\n---\nkind: DataContract')[0].message,
      ).toMatch(/not valid YAML/);
      expect(
        problemsOf('kind: DataContract\nkind: DataContract')[0].message,
      ).toMatch(/not valid YAML/);
    });

    it('refuses a deeply nested file without throwing', () => {
      const depth = 100_000;
      const text = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      expect(problemsOf(text)[0].message).toBeTruthy();
    });

    it('reads prototype keys as any other field, and changes no object', () => {
      const document = contract();
      // Fields of the objects' own, as yaml reads them from a file.
      for (const target of [document, document.schema[0].properties[0]]) {
        Object.defineProperty(target, '__proto__', {
          value: { polluted: true, physicalType: 'STRING' },
          enumerable: true,
        });
        target.constructor = 1;
      }
      const text = stringify(document);
      expect(text).toContain('__proto__:');
      const result = imported(text);
      expect(result.port.contract.columns[0].type).toBe('DATE');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const onlyProto = stringify(
        JSON.parse('{"__proto__": {"kind": "DataContract"}}'),
      );
      expect(problemsOf(onlyProto)[0].message).toMatch(/not a data contract/);
    });
  });

  describe('never throws', () => {
    /** Whether an import's outcome is a port or problems in words. */
    const wellFormed = (text: string): boolean => {
      const result = outputPortFromOdcs(text);
      return result.ok
        ? result.value.port.contract.columns.length > 0
        : result.problems.length > 0 &&
            result.problems.every(
              p => typeof p.message === 'string' && p.message !== '',
            );
    };

    it('on any text', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 400 }), text => {
          expect(wellFormed(text)).toBe(true);
        }),
        { numRuns: 3000 },
      );
    });

    it('on any YAML value', () => {
      fc.assert(
        fc.property(
          fc.anything({
            withNullPrototype: true,
            withObjectString: true,
            key: fc.oneof(
              fc.string(),
              fc.constantFrom('__proto__', 'constructor', 'kind', 'schema'),
            ),
          }),
          value => {
            expect(wellFormed(stringify(value))).toBe(true);
          },
        ),
        { numRuns: 3000 },
      );
    });

    it('on a contract with any field set to anything', () => {
      const hostileValue = fc.oneof(
        fc.anything({ maxDepth: 2 }),
        fc.constantFrom(
          '__proto__',
          { __proto__: null },
          { toString: 'x' },
          -1,
          1e309,
          Number.MAX_SAFE_INTEGER + 2,
          'ARRAY<ARRAY<STRING>>',
          'v3.1.0',
        ),
      );
      fc.assert(
        fc.property(
          productWithPortsArbitrary,
          fc.array(fc.tuple(fc.nat(), fc.nat(), hostileValue), {
            minLength: 1,
            maxLength: 4,
          }),
          (product, changes) => {
            const document = JSON.parse(
              JSON.stringify(
                odcsContractOf(product, product.spec.outputPorts![0]),
              ),
            );
            for (const [pick, field, value] of changes) {
              const targets = objectsIn(document);
              const target = targets[pick % targets.length];
              const keys = Object.keys(target);
              // A copy each time, so that no value is in the document twice.
              target[keys.length ? keys[field % keys.length] : 'x'] =
                structuredClone(value);
            }
            expect(wellFormed(stringify(document))).toBe(true);
          },
        ),
        { numRuns: 3000 },
      );
    });

    it('on a port meshifi did not write, made of any columns', () => {
      fc.assert(
        fc.property(outputPortArbitrary, fc.string(), (port, noise) => {
          const document = JSON.parse(
            JSON.stringify(odcsContractOf(sampleProduct(), port)),
          );
          document.schema[0].properties.push({
            name: noise,
            physicalType: noise,
          });
          expect(wellFormed(stringify(document))).toBe(true);
        }),
        { numRuns: 1000 },
      );
    });
  });
});

/** Every object in a document, itself first, to pick one to change. */
function objectsIn(value: unknown): Record<string, unknown>[] {
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  const children = Object.values(value).flatMap(objectsIn);
  return Array.isArray(value)
    ? children
    : [value as Record<string, unknown>, ...children];
}

describeWithSchemas(`the contracts imported here${officialSchemasNote}`, () => {
  it('are valid ODCS documents', () => {
    const validate = officialValidator('odcs');
    for (const file of [
      'full-table-contract.odcs.yaml',
      'logical-types-contract.odcs.yaml',
    ]) {
      expect(validate(parse(fixture(file)))).toEqual([]);
    }
  });
});
