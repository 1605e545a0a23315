import fc from 'fast-check';
import {
  BIGQUERY_COLUMN_TYPES,
  COLUMN_MODES,
} from '../../contract/bigQueryTypes';
import { PRODUCT_STATUSES } from '../../lifecycle/productStatus';
import { dataProductManifest } from '../../model/manifests';
import {
  ContractColumn,
  DataProduct,
  OutputPort,
  QualityRule,
} from '../../model/types';

/** A table name as PORT_NAME_PATTERN allows. */
export const portNameArbitrary = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 4 })
  .map(parts => `t${parts.join('_')}`.slice(0, 63).replace(/_+$/, ''));

/** A column name as BigQuery allows it, of any case. */
const columnNameArbitrary = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/);

/** Text a person may write: words, quotes, colons, YAML's own words, any script. */
const textArbitrary = fc.oneof(
  fc.string({ minLength: 1, maxLength: 80 }),
  fc.constantFrom(
    'yes',
    'no',
    '2027-01-01',
    '12:30',
    '# not a comment',
    "it's",
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
);

const durationArbitrary = fc
  .tuple(fc.integer({ min: 1, max: 9999 }), fc.constantFrom('m', 'h', 'd'))
  .map(([amount, unit]) => `${amount}${unit}`);

const columnArbitrary = (name: string): fc.Arbitrary<ContractColumn> =>
  fc
    .record(
      {
        type: fc.constantFrom(...BIGQUERY_COLUMN_TYPES),
        mode: fc.constantFrom(...COLUMN_MODES),
        description: textArbitrary,
        personalData: fc.boolean(),
      },
      { requiredKeys: ['type'] },
    )
    .map(column => ({ name, ...column }));

/**
 * An output port meshifi accepts: columns of unique names (BigQuery ignores
 * case), a key and quality rules on its own columns.
 */
export const outputPortArbitrary: fc.Arbitrary<OutputPort> = fc
  .uniqueArray(columnNameArbitrary, {
    minLength: 1,
    maxLength: 12,
    selector: name => name.toLowerCase(),
  })
  .chain(names =>
    fc.record(
      {
        name: portNameArbitrary,
        description: textArbitrary,
        columns: fc.tuple(...names.map(columnArbitrary)),
        primaryKey: fc.shuffledSubarray(names, {
          maxLength: Math.min(4, names.length),
        }),
        freshness: fc.record(
          { refreshEvery: durationArbitrary, maxDelay: durationArbitrary },
          { requiredKeys: ['refreshEvery'] },
        ),
        quality: fc.array(
          fc.oneof(
            fc.record({
              rule: fc.constantFrom('notNull' as const, 'unique' as const),
              column: fc.constantFrom(...names),
            }),
            fc.record({
              rule: fc.constant('rowCountAbove' as const),
              value: fc.nat({ max: 1_000_000_000 }),
            }),
          ) as fc.Arbitrary<QualityRule>,
          { maxLength: 6 },
        ),
      },
      { requiredKeys: ['name', 'columns'] },
    ),
  )
  .map(({ name, description, columns, primaryKey, freshness, quality }) => ({
    name,
    ...(description ? { description } : {}),
    contract: {
      columns,
      ...(primaryKey?.length ? { primaryKey } : {}),
      ...(freshness ? { freshness } : {}),
      ...(quality ? { quality } : {}),
    },
  }));

/** A product with a few of the given ports, in any status. */
export const productWithPortsArbitrary: fc.Arbitrary<DataProduct> = fc
  .record({
    name: fc.stringMatching(/^[a-z][a-z0-9]{2,10}(-[a-z0-9]{1,6})?$/),
    version: fc
      .tuple(fc.nat(20), fc.nat(20), fc.nat(20))
      .map(parts => parts.join('.')),
    status: fc.constantFrom(...PRODUCT_STATUSES),
    ports: fc.uniqueArray(outputPortArbitrary, {
      minLength: 1,
      maxLength: 3,
      selector: port => port.name,
    }),
  })
  .map(({ name, version, status, ports }) =>
    dataProductManifest({
      info: { name, version },
      access: { owners: ['ana@example.com'] },
      status,
      ...(status === 'deprecated'
        ? { deprecation: { date: '2027-06-30', reason: 'Nobody reads it.' } }
        : {}),
      outputPorts: ports,
    }),
  );
