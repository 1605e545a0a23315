import { dataProductManifest } from '../model/manifests';
import { Freshness, OutputPort, QualityRule } from '../model/types';
import { nameProblem, PRODUCT_NAME_MAX_LENGTH } from '../naming/productName';
import { SEMVER_PATTERN } from '../schema/patterns';
import {
  MAX_COLUMNS,
  outputPortSchema,
  PORT_NAME_MAX_LENGTH,
  PORT_NAME_PATTERN,
} from '../schema/portsSchema';
import { contractProblems } from '../validation/contractProblems';
import { Problem, Validated } from '../validation/Problem';
import { schemaValidator } from '../validation/schemaValidator';
import { columnOfOdcsProperty, ImportedColumn } from './odcsColumnImport';
import { durationOfSla, SLA_UNITS_READ } from './odcsDurations';
import { ruleOfOdcsCheck } from './odcsQualityImport';
import { readStandardYaml } from './readStandardYaml';
import {
  isRecord,
  own,
  ownList,
  ownText,
  quoted,
  Untrusted,
} from './untrusted';

/** An output port read from an ODCS data contract, and what came with it. */
export interface ImportedOdcsContract {
  port: OutputPort;
  /** What the contract suggests for the product offering the port. */
  info: {
    name?: string;
    title?: string;
    description?: string;
    version?: string;
  };
  /** What the contract says that meshifi does not keep, one sentence each. */
  leftOut: string[];
}

/** The most problems one import reports: a person fixes a few at a time. */
export const MAX_IMPORT_PROBLEMS = 20;

const validatePort = schemaValidator<OutputPort>(outputPortSchema);
const portNamePattern = new RegExp(PORT_NAME_PATTERN);
const semver = new RegExp(SEMVER_PATTERN);

/**
 * Reads an Open Data Contract Standard (v3) document, YAML or JSON, as an
 * output port: its first table with its columns, key, quality checks and
 * freshness. Everything is checked as meshifi checks a port it is given;
 * what does not fit is a problem in words, and what meshifi does not keep
 * is listed in `leftOut`. Never throws, whatever the text.
 */
export function outputPortFromOdcs(
  text: string,
): Validated<ImportedOdcsContract> {
  const read = readStandardYaml(text);
  if (!read.ok) {
    return read;
  }
  const document = read.value;
  const shape = contractShapeProblem(document);
  if (shape) {
    return refused('', shape);
  }
  return importContract(document as Untrusted);
}

/** Why a document is not an ODCS v3 data contract, or undefined. */
function contractShapeProblem(document: unknown): string | undefined {
  if (!isRecord(document)) {
    return 'The file is not a data contract: it should start with apiVersion: v3.1.0 and kind: DataContract.';
  }
  const kind = own(document, 'kind');
  if (kind === 'DataProduct') {
    return 'The file describes a data product (ODPS), not a data contract: choose the data contract (ODCS) of one of its tables.';
  }
  if (kind !== 'DataContract') {
    return `The file is not a data contract: its kind is ${quoted(
      kind ?? '',
    )}, and a data contract (ODCS) says kind: DataContract.`;
  }
  const apiVersion = own(document, 'apiVersion');
  if (
    typeof apiVersion !== 'string' ||
    !/^v3\.[0-9]+\.[0-9]+$/.test(apiVersion)
  ) {
    return `The contract is written for ODCS ${quoted(
      apiVersion ?? 'no version',
    )}: meshifi reads ODCS version 3 (apiVersion v3.0.0 to v3.1.0). Convert it to version 3 and try again.`;
  }
  return undefined;
}

function importContract(document: Untrusted): Validated<ImportedOdcsContract> {
  const schema = ownList(document, 'schema') ?? [];
  const [table] = schema;
  if (!isRecord(table)) {
    return refused(
      'schema',
      'The contract describes no table: it needs a schema with a table and its columns.',
    );
  }
  const leftOut: string[] = [];
  if (schema.length > 1) {
    leftOut.push(
      `The contract describes ${schema.length} tables: only the first, ${quoted(
        own(table, 'name') ?? '',
      )}, is imported.`,
    );
  }
  const problems: Problem[] = [];
  const name = tableNameOf(table);
  if (!name.ok) {
    problems.push(...name.problems);
  }
  const properties = ownList(table, 'properties') ?? [];
  if (properties.length === 0) {
    problems.push({
      path: 'schema.0.properties',
      message:
        'The table has no columns: list its columns under properties, each with a name and a type.',
    });
  }
  if (properties.length > MAX_COLUMNS) {
    return refused(
      'schema.0.properties',
      `The table has ${properties.length} columns: meshifi keeps at most ${MAX_COLUMNS} per table.`,
    );
  }
  const columns: ImportedColumn[] = [];
  properties.forEach((property, index) => {
    const column = columnOfOdcsProperty(
      property,
      `schema.0.properties.${index}`,
    );
    if (column.ok) {
      columns.push(column.value);
      leftOut.push(...column.value.leftOut);
    } else {
      problems.push(...column.problems);
    }
  });
  const tableChecks = (ownList(table, 'quality') ?? []).map(check =>
    ruleOfOdcsCheck(check, undefined),
  );
  leftOut.push(
    ...tableChecks.flatMap(c => ('leftOut' in c ? [c.leftOut] : [])),
  );
  const freshness = freshnessOf(document, leftOut);
  if (!freshness.ok) {
    problems.push(...freshness.problems);
  }
  if (problems.length || !name.ok || !freshness.ok) {
    return { ok: false, problems: atMost(problems) };
  }
  const quality: QualityRule[] = [
    ...columns.flatMap(c => c.rules),
    ...tableChecks.flatMap(c => ('rule' in c ? [c.rule] : [])),
  ];
  const primaryKey = keyOf(columns);
  const description = ownText(table, 'description');
  const port: OutputPort = {
    name: name.value,
    ...(description ? { description } : {}),
    contract: {
      columns: columns.map(c => c.column),
      ...(primaryKey.length ? { primaryKey } : {}),
      ...(freshness.value ? { freshness: freshness.value } : {}),
      ...(quality.length ? { quality } : {}),
    },
  };
  const portProblems = meshifiProblemsOf(port);
  if (portProblems.length) {
    return { ok: false, problems: atMost(portProblems) };
  }
  return { ok: true, value: { port, info: infoOf(document), leftOut } };
}

/**
 * The table's name as a port's: its name, else the table part of its
 * physical name (`dataset.table`).
 */
function tableNameOf(table: Untrusted): Validated<string> {
  const name = ownText(table, 'name');
  const physicalTable = ownText(table, 'physicalName')?.split('.').pop();
  const fits = (candidate: string | undefined): candidate is string =>
    candidate !== undefined &&
    candidate.length <= PORT_NAME_MAX_LENGTH &&
    portNamePattern.test(candidate);
  if (fits(name)) {
    return { ok: true, value: name };
  }
  if (fits(physicalTable)) {
    return { ok: true, value: physicalTable };
  }
  return refused(
    'schema.0.name',
    name
      ? `The table is called ${quoted(
          name,
        )}, which meshifi cannot use as a table name: rename it with lower-case letters, digits and single underscores, starting with a letter, for example "orders_by_day".`
      : 'The table has no name: give it one, for example "orders_by_day".',
  );
}

/** The key's columns, in the order of their positions, else as listed. */
function keyOf(columns: ImportedColumn[]): string[] {
  return columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.inKey)
    .sort(
      (a, b) =>
        (a.column.keyPosition ?? Infinity) -
          (b.column.keyPosition ?? Infinity) || a.index - b.index,
    )
    .map(({ column }) => column.column.name);
}

/**
 * Freshness from the SLA properties: `frequency` is how often the table is
 * refreshed, `latency` how late it may be. Other SLA properties are left
 * out, saying which.
 */
function freshnessOf(
  document: Untrusted,
  leftOut: string[],
): Validated<Freshness | undefined> {
  const found: Partial<Record<'frequency' | 'latency', string>> = {};
  const problems: Problem[] = [];
  (ownList(document, 'slaProperties') ?? []).forEach((entry, index) => {
    const property = isRecord(entry) ? ownText(entry, 'property') : undefined;
    if (
      !isRecord(entry) ||
      (property !== 'frequency' && property !== 'latency')
    ) {
      leftOut.push(
        `The service level ${quoted(
          property ?? index + 1,
        )}: meshifi keeps only how often the table is refreshed (frequency) and how late it may be (latency).`,
      );
      return;
    }
    const duration = durationOfSla(own(entry, 'value'), own(entry, 'unit'));
    if (!duration) {
      problems.push({
        path: `slaProperties.${index}`,
        message: `The service level ${property} (${quoted(
          own(entry, 'value') ?? '',
        )} ${quoted(
          own(entry, 'unit') ?? '',
        )}) cannot be kept: give a whole number of ${SLA_UNITS_READ}, up to 9999.`,
      });
      return;
    }
    found[property] = duration;
  });
  if (problems.length) {
    return { ok: false, problems };
  }
  if (!found.frequency) {
    if (found.latency) {
      leftOut.push(
        'The service level latency: meshifi keeps how late a table may be only with how often it is refreshed (frequency).',
      );
    }
    return { ok: true, value: undefined };
  }
  return {
    ok: true,
    value: {
      refreshEvery: found.frequency,
      ...(found.latency ? { maxDelay: found.latency } : {}),
    },
  };
}

/**
 * The port checked as meshifi checks a product's ports, with each problem
 * at its place in the contract (a column's at its property).
 */
function meshifiProblemsOf(port: OutputPort): Problem[] {
  const schema = validatePort(port);
  const problems = schema.ok
    ? contractProblems(
        dataProductManifest({
          info: { name: 'imported', version: '0.1.0' },
          access: { owners: [] },
          outputPorts: [port],
        }),
      )
    : schema.problems;
  return problems.map(problem => ({
    ...problem,
    path: contractPathOf(problem.path),
  }));
}

function contractPathOf(portPath: string): string {
  const path = portPath.replace(/^spec\.outputPorts\.0\.?/, '');
  if (path.startsWith('contract.columns.')) {
    return path.replace(
      /^contract\.columns\.(\d+).*$/,
      'schema.0.properties.$1',
    );
  }
  if (path.startsWith('contract.freshness')) {
    return 'slaProperties';
  }
  if (path === 'name') {
    return 'schema.0.name';
  }
  return path.startsWith('description') ? 'schema.0.description' : 'schema.0';
}

/** What the contract suggests for the product: the product it names, its version and purpose. */
function infoOf(document: Untrusted): ImportedOdcsContract['info'] {
  const dataProduct = ownText(document, 'dataProduct')?.trim();
  const name = dataProduct ? productNameOf(dataProduct) : undefined;
  const version = ownText(document, 'version');
  const description = own(document, 'description');
  const purpose = isRecord(description)
    ? ownText(description, 'purpose')
    : ownText(document, 'description');
  return {
    ...(name ? { name } : {}),
    ...(dataProduct && dataProduct !== name
      ? { title: dataProduct.slice(0, 200) }
      : {}),
    ...(purpose ? { description: purpose } : {}),
    ...(version && semver.test(version) ? { version } : {}),
  };
}

/** A product name made of a product's name in words, when one can be. */
function productNameOf(words: string): string | undefined {
  const name = words
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, PRODUCT_NAME_MAX_LENGTH)
    .replace(/-+$/, '');
  return nameProblem(name) ? undefined : name;
}

function atMost(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_IMPORT_PROBLEMS) {
    return problems;
  }
  return [
    ...problems.slice(0, MAX_IMPORT_PROBLEMS),
    {
      path: '',
      message: `And ${
        problems.length - MAX_IMPORT_PROBLEMS
      } more problems: fix these first and try again.`,
    },
  ];
}

function refused<T>(path: string, message: string): Validated<T> {
  return { ok: false, problems: [{ path, message }] };
}
