import {
  BIGQUERY_COLUMN_TYPES,
  BigQueryColumnType,
  ColumnMode,
} from '../contract/bigQueryTypes';
import { ContractColumn, QualityRule } from '../model/types';
import {
  COLUMN_NAME_MAX_LENGTH,
  COLUMN_NAME_PATTERN,
} from '../schema/portsSchema';
import { Problem, Validated } from '../validation/Problem';
import { PERSONAL_DATA_TAG } from './odcsContract';
import {
  bigQueryTypeOfLogical,
  bigQueryTypeOfPhysical,
  ODCS_LOGICAL_TYPES,
} from './odcsLogicalTypes';
import { ruleOfOdcsCheck } from './odcsQualityImport';
import {
  isRecord,
  own,
  ownList,
  ownText,
  quoted,
  Untrusted,
} from './untrusted';

/** A column read from an ODCS property, with what else it says. */
export interface ImportedColumn {
  column: ContractColumn;
  /** Its place in the primary key, from 1; undefined when not in the key. */
  keyPosition?: number;
  /** Whether the property says it is part of the primary key. */
  inKey: boolean;
  rules: QualityRule[];
  leftOut: string[];
}

const columnNamePattern = new RegExp(COLUMN_NAME_PATTERN);

const TYPES_ALLOWED = `${BIGQUERY_COLUMN_TYPES.join(
  ', ',
)}, or ARRAY<type> for a list`;

/**
 * An ODCS schema property as a column of meshifi's contract. Its BigQuery
 * type comes from its physical type when it has one, else from its logical
 * type; a list is a REPEATED column.
 */
export function columnOfOdcsProperty(
  property: unknown,
  path: string,
): Validated<ImportedColumn> {
  if (!isRecord(property)) {
    return refused(
      path,
      'A column of the table is not a set of fields: give each column a name and a type.',
    );
  }
  const name = own(property, 'name');
  if (typeof name !== 'string' || name === '') {
    return refused(`${path}.name`, 'A column of the table has no name.');
  }
  if (name.length > COLUMN_NAME_MAX_LENGTH || !columnNamePattern.test(name)) {
    return refused(
      `${path}.name`,
      `The column ${quoted(
        name,
      )} cannot be a BigQuery column name: use letters, digits and underscores, not starting with a digit (at most ${COLUMN_NAME_MAX_LENGTH}), for example "order_id".`,
    );
  }
  const typed = typeOf(property, name, path);
  if (!typed.ok) {
    return typed;
  }
  const description = own(property, 'description');
  const checks = (ownList(property, 'quality') ?? []).map(check =>
    ruleOfOdcsCheck(check, name),
  );
  const rules = checks.flatMap(c => ('rule' in c ? [c.rule] : []));
  if (
    own(property, 'unique') === true &&
    !rules.some(r => r.rule === 'unique')
  ) {
    rules.push({ rule: 'unique', column: name });
  }
  const position = own(property, 'primaryKeyPosition');
  return {
    ok: true,
    value: {
      column: {
        name,
        type: typed.value.type,
        ...(typed.value.mode !== 'NULLABLE' ? { mode: typed.value.mode } : {}),
        ...(typeof description === 'string' && description !== ''
          ? { description }
          : {}),
        ...(isPersonalData(property) ? { personalData: true } : {}),
      },
      inKey: own(property, 'primaryKey') === true,
      ...(typeof position === 'number' &&
      Number.isSafeInteger(position) &&
      position >= 1
        ? { keyPosition: position }
        : {}),
      rules,
      leftOut: checks.flatMap(c => ('leftOut' in c ? [c.leftOut] : [])),
    },
  };
}

function typeOf(
  property: Untrusted,
  name: string,
  path: string,
): Validated<{ type: BigQueryColumnType; mode: ColumnMode }> {
  const logicalType = ownText(property, 'logicalType');
  const physicalType = own(property, 'physicalType');
  const required = own(property, 'required') === true;
  if (logicalType === 'object' && own(property, 'properties') !== undefined) {
    return refused(
      `${path}.properties`,
      `The column ${quoted(
        name,
      )} holds fields of its own: meshifi's columns hold one value each. Split it into columns, or give it the type JSON.`,
    );
  }
  if (physicalType !== undefined) {
    const physical =
      typeof physicalType === 'string'
        ? bigQueryTypeOfPhysical(physicalType)
        : undefined;
    if (!physical) {
      return refused(
        `${path}.physicalType`,
        `The column ${quoted(name)} has the type ${quoted(
          physicalType,
        )}, which is not a BigQuery type: use one of ${TYPES_ALLOWED}. Or remove physicalType to use its logical type.`,
      );
    }
    const repeated = physical.repeated || logicalType === 'array';
    return {
      ok: true,
      value: { type: physical.type, mode: modeOf(repeated, required) },
    };
  }
  if (logicalType === undefined) {
    return refused(
      path,
      `The column ${quoted(
        name,
      )} has no type: give it a physicalType (${TYPES_ALLOWED}) or a logicalType (${ODCS_LOGICAL_TYPES.join(
        ', ',
      )}).`,
    );
  }
  if (logicalType === 'array') {
    const items = own(property, 'items');
    const item = isRecord(items)
      ? typeOf(items, name, `${path}.items`)
      : undefined;
    if (!item || !item.ok || item.value.mode === 'REPEATED') {
      return refused(
        `${path}.items`,
        `The column ${quoted(
          name,
        )} is a list: say the type of its items with items.physicalType (${TYPES_ALLOWED.replace(
          ', or ARRAY<type> for a list',
          '',
        )}), and lists of lists are not possible in BigQuery.`,
      );
    }
    return { ok: true, value: { type: item.value.type, mode: 'REPEATED' } };
  }
  const options = own(property, 'logicalTypeOptions');
  const type = bigQueryTypeOfLogical(
    logicalType,
    isRecord(options)
      ? { format: own(options, 'format'), timezone: own(options, 'timezone') }
      : {},
  );
  if (!type) {
    return refused(
      `${path}.logicalType`,
      `The column ${quoted(name)} has the logical type ${quoted(
        logicalType,
      )}, which ODCS does not define: use one of ${ODCS_LOGICAL_TYPES.join(
        ', ',
      )}.`,
    );
  }
  return { ok: true, value: { type, mode: modeOf(false, required) } };
}

function modeOf(repeated: boolean, required: boolean): ColumnMode {
  if (repeated) {
    return 'REPEATED';
  }
  return required ? 'REQUIRED' : 'NULLABLE';
}

/**
 * Whether a property marks personal data: tagged pii (as meshifi writes it,
 * or personal-data), the custom property pii, or classified as pii or
 * personal.
 */
function isPersonalData(property: Untrusted): boolean {
  const tags = (ownList(property, 'tags') ?? []).filter(
    (tag): tag is string => typeof tag === 'string',
  );
  if (tags.some(tag => /^(pii|personal[-_ ]?data)$/i.test(tag.trim()))) {
    return true;
  }
  const custom = (ownList(property, 'customProperties') ?? []).some(
    entry =>
      isRecord(entry) &&
      ownText(entry, 'property')?.toLowerCase() === PERSONAL_DATA_TAG &&
      (own(entry, 'value') === true || own(entry, 'value') === 'true'),
  );
  const classification = ownText(property, 'classification');
  return custom || /^(pii|personal)/i.test(classification?.trim() ?? '');
}

function refused<T>(path: string, message: string): Validated<T> {
  const problem: Problem = { path, message };
  return { ok: false, problems: [problem] };
}
