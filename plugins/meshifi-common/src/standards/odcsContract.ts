import { gitopsYaml } from '../gitops/gitopsYaml';
import { productStatusOf } from '../lifecycle/productStatus';
import {
  ContractColumn,
  DataProduct,
  Freshness,
  OutputPort,
  QualityRule,
} from '../model/types';
import { datasetId } from '../naming/datasetId';
import {
  OdcsBigQueryServer,
  OdcsContract,
  OdcsDescription,
  OdcsProperty,
  OdcsQualityCheck,
  OdcsSlaProperty,
} from './odcsDocument';
import { slaValueOf } from './odcsDurations';
import {
  ODCS_LOGICAL_TYPE_OF,
  ODCS_LOGICAL_TYPE_OPTIONS_OF,
  physicalTypeOf,
} from './odcsLogicalTypes';
import { deprecationInWords } from './deprecationInWords';
import { teamOf } from './teamOf';

/** The ODCS version meshifi writes. */
export const ODCS_API_VERSION = 'v3.1.0';

/**
 * The id of an output port's contract: its product and table, which are
 * unique across the mesh, so that the same port always has the same id and
 * a data product's input port can name the contract it reads.
 */
export function odcsContractIdOf(product: string, port: string): string {
  return `${product}.${port}`;
}

/** The tag and custom property that mark a column holding personal data. */
export const PERSONAL_DATA_TAG = 'pii';

/**
 * An output port's data contract as an Open Data Contract Standard v3.1.0
 * document: the table with its columns, key, quality checks and freshness,
 * where it lives in BigQuery (once the product's project is known), and who
 * owns it.
 */
export function odcsContractOf(
  product: DataProduct,
  port: OutputPort,
): OdcsContract {
  const { spec } = product;
  const dataset = curatedDatasetOf(product);
  const description = descriptionOf(product);
  const slaProperties = slaPropertiesOf(port.contract.freshness);
  const server = serverOf(product, dataset);
  const rowChecks = (port.contract.quality ?? []).flatMap(rowCountCheck);
  return {
    apiVersion: ODCS_API_VERSION,
    kind: 'DataContract',
    id: odcsContractIdOf(spec.info.name, port.name),
    name: port.name,
    version: spec.info.version,
    status: productStatusOf(product),
    ...(spec.domain ? { domain: spec.domain } : {}),
    dataProduct: spec.info.name,
    ...(description ? { description } : {}),
    schema: [
      {
        name: port.name,
        logicalType: 'object',
        physicalType: 'table',
        physicalName: `${dataset}.${port.name}`,
        ...(port.description ? { description: port.description } : {}),
        properties: port.contract.columns.map(column =>
          propertyOf(column, port),
        ),
        ...(rowChecks.length ? { quality: rowChecks } : {}),
      },
    ],
    ...(slaProperties.length ? { slaProperties } : {}),
    ...(server ? { servers: [server] } : {}),
    team: teamOf(product),
  };
}

/** {@link odcsContractOf} as YAML, as a contract is usually shared. */
export function odcsYamlOf(product: DataProduct, port: OutputPort): string {
  return gitopsYaml(odcsContractOf(product, port));
}

/** BigQuery compares column names without case. */
const sameColumn = (a: string, b: string) =>
  a.toLowerCase() === b.toLowerCase();

function curatedDatasetOf(product: DataProduct): string {
  const reported = product.status?.datasets?.find(d => d.layer === 'curated');
  return reported?.datasetId ?? datasetId(product.spec.info.name, 'curated');
}

function descriptionOf(product: DataProduct): OdcsDescription | undefined {
  const purpose = product.spec.info.description ?? product.spec.info.title;
  const limitations = deprecationInWords(product);
  if (!purpose && !limitations) {
    return undefined;
  }
  return {
    ...(purpose ? { purpose } : {}),
    ...(limitations ? { limitations } : {}),
  };
}

function propertyOf(column: ContractColumn, port: OutputPort): OdcsProperty {
  const repeated = column.mode === 'REPEATED';
  const keyPosition = (port.contract.primaryKey ?? []).findIndex(key =>
    sameColumn(key, column.name),
  );
  const checks = (port.contract.quality ?? []).flatMap(rule =>
    columnCheck(rule, column.name),
  );
  const scalar = {
    logicalType: ODCS_LOGICAL_TYPE_OF[column.type],
    ...(ODCS_LOGICAL_TYPE_OPTIONS_OF[column.type]
      ? { logicalTypeOptions: { ...ODCS_LOGICAL_TYPE_OPTIONS_OF[column.type] } }
      : {}),
    physicalType: column.type,
  };
  return {
    name: column.name,
    ...(repeated
      ? {
          logicalType: 'array',
          physicalType: physicalTypeOf(column.type, true),
          items: scalar,
        }
      : { ...scalar, required: column.mode === 'REQUIRED' }),
    ...(column.description ? { description: column.description } : {}),
    ...(keyPosition >= 0
      ? { primaryKey: true, primaryKeyPosition: keyPosition + 1 }
      : {}),
    ...(column.personalData
      ? {
          tags: [PERSONAL_DATA_TAG],
          customProperties: [{ property: PERSONAL_DATA_TAG, value: true }],
        }
      : {}),
    ...(checks.length ? { quality: checks } : {}),
  };
}

/** A rule on one column, as a check of ODCS's library on that property. */
function columnCheck(rule: QualityRule, column: string): OdcsQualityCheck[] {
  if (rule.rule === 'rowCountAbove' || !sameColumn(rule.column, column)) {
    return [];
  }
  return rule.rule === 'notNull'
    ? [
        {
          type: 'library',
          metric: 'nullValues',
          mustBe: 0,
          dimension: 'completeness',
          description: `Every row has a ${column}.`,
        },
      ]
    : [
        {
          type: 'library',
          metric: 'duplicateValues',
          mustBe: 0,
          dimension: 'uniqueness',
          description: `No two rows have the same ${column}.`,
        },
      ];
}

/** A rule on the whole table, as a check of ODCS's library on the object. */
function rowCountCheck(rule: QualityRule): OdcsQualityCheck[] {
  if (rule.rule !== 'rowCountAbove') {
    return [];
  }
  return [
    {
      type: 'library',
      metric: 'rowCount',
      mustBeGreaterThan: rule.value,
      dimension: 'completeness',
      description: `The table has more than ${rule.value} rows.`,
    },
  ];
}

/**
 * Freshness as ODCS's SLA properties: `frequency` is how often the table is
 * refreshed, `latency` how late the data may be.
 */
function slaPropertiesOf(freshness: Freshness | undefined): OdcsSlaProperty[] {
  if (!freshness) {
    return [];
  }
  const properties: OdcsSlaProperty[] = [];
  const every = slaValueOf(freshness.refreshEvery);
  if (every) {
    properties.push({
      property: 'frequency',
      ...every,
      description: `The table is refreshed every ${freshness.refreshEvery}.`,
    });
  }
  const delay = freshness.maxDelay ? slaValueOf(freshness.maxDelay) : undefined;
  if (delay) {
    properties.push({
      property: 'latency',
      ...delay,
      description: `A refresh is late by at most ${freshness.maxDelay}.`,
    });
  }
  return properties;
}

/**
 * Where the table lives, once the product's project is known: the
 * composition function reports it, or the backend plans it.
 */
function serverOf(
  product: DataProduct,
  dataset: string,
): OdcsBigQueryServer | undefined {
  const project = product.status?.project;
  if (!project) {
    return undefined;
  }
  return {
    id: 'bigquery',
    server: project,
    type: 'bigquery',
    project,
    dataset,
  };
}
