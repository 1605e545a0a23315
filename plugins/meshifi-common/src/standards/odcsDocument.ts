import type { OdcsLogicalType } from './odcsLogicalTypes';
import type { StandardTeam } from './teamOf';

/**
 * The part of an Open Data Contract Standard v3.1.0 document meshifi writes:
 * one contract per output port. The standard's own JSON Schema is the
 * reference; these types name only the fields meshifi fills in.
 */
export interface OdcsContract {
  apiVersion: 'v3.1.0';
  kind: 'DataContract';
  id: string;
  name: string;
  version: string;
  status: string;
  domain?: string;
  dataProduct?: string;
  description?: OdcsDescription;
  schema: OdcsSchemaObject[];
  slaProperties?: OdcsSlaProperty[];
  servers?: OdcsBigQueryServer[];
  team?: StandardTeam;
}

export interface OdcsDescription {
  purpose?: string;
  limitations?: string;
  usage?: string;
}

/** A table: ODCS calls it a schema object. */
export interface OdcsSchemaObject {
  name: string;
  logicalType: 'object';
  physicalType: 'table';
  physicalName: string;
  description?: string;
  properties: OdcsProperty[];
  quality?: OdcsQualityCheck[];
}

/** A column of a table, or the items of a list column. */
export interface OdcsPropertyType {
  logicalType: OdcsLogicalType;
  logicalTypeOptions?: Record<string, string | boolean>;
  physicalType: string;
}

export interface OdcsProperty extends OdcsPropertyType {
  name: string;
  description?: string;
  required?: boolean;
  primaryKey?: boolean;
  primaryKeyPosition?: number;
  items?: OdcsPropertyType;
  tags?: string[];
  customProperties?: OdcsCustomProperty[];
  quality?: OdcsQualityCheck[];
}

/** A check of ODCS's library: a predefined metric compared with a value. */
export interface OdcsQualityCheck {
  type: 'library';
  metric: 'nullValues' | 'duplicateValues' | 'rowCount';
  description: string;
  dimension: 'completeness' | 'uniqueness';
  mustBe?: number;
  mustBeGreaterThan?: number;
}

export interface OdcsSlaProperty {
  property: 'frequency' | 'latency';
  value: number;
  unit: string;
  description?: string;
}

export interface OdcsBigQueryServer {
  id: string;
  server: string;
  type: 'bigquery';
  project: string;
  dataset: string;
}

export interface OdcsCustomProperty {
  property: string;
  value: string | number | boolean;
}
