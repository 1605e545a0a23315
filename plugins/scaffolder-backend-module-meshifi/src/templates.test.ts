/*
 * The Create page's "Output table" step of the data-product templates says
 * what the model says: the BigQuery types in words, the patterns of table
 * and column names, and the answers reach the create action as its inputs.
 */
import {
  BIGQUERY_COLUMN_TYPE_WORDS,
  BIGQUERY_COLUMN_TYPES,
  COLUMN_NAME_PATTERN,
  PORT_NAME_PATTERN,
} from '@meshifi/common';
import { readFileSync } from 'fs';
import path from 'path';
import { parse } from 'yaml';

const TEMPLATES = path.resolve(__dirname, '../../../templates');

const templates = ['data-product', 'data-product-pull-request'].map(name => ({
  name,
  template: parse(
    readFileSync(path.join(TEMPLATES, name, 'template.yaml'), 'utf8'),
  ),
}));

describe.each(templates)('the $name template', ({ template }) => {
  const step = template.spec.parameters.find(
    (page: { title: string }) => page.title === 'Output table',
  );
  const table = step.properties.outputPort.properties;
  const column = table.columns.items.properties;

  it('asks for an output table, optionally', () => {
    expect(step.required ?? []).toEqual([]);
    expect(table.name.pattern).toBe(PORT_NAME_PATTERN);
    expect(column.name.pattern).toBe(COLUMN_NAME_PATTERN);
    expect(table.primaryKey.items.pattern).toBe(COLUMN_NAME_PATTERN);
  });

  it('offers every BigQuery type of the model, each in words', () => {
    expect(column.type.enum).toEqual([...BIGQUERY_COLUMN_TYPES]);
    expect(column.type.enumNames).toEqual(
      BIGQUERY_COLUMN_TYPES.map(type => BIGQUERY_COLUMN_TYPE_WORDS[type]),
    );
  });

  it('offers refreshes that are durations of the model', () => {
    expect(table.refreshEvery.enum).toEqual(['1h', '1d', '7d']);
    expect(table.refreshEvery.enumNames).toEqual([
      'Every hour',
      'Every day',
      'Every week',
    ]);
  });

  it('lets the analyst pick the tables read among data contracts', () => {
    expect(step.properties.inputPorts['ui:options'].catalogFilter).toEqual([
      { kind: 'API', 'spec.type': 'data-contract' },
    ]);
  });

  it('gives the answers to the create action', () => {
    const create = template.spec.steps.find(
      (s: { action: string }) => s.action === 'meshifi:dataproduct:create',
    );
    expect(create.input).toMatchObject({
      outputPort: '${{ parameters.outputPort }}',
      inputPorts: '${{ parameters.inputPorts }}',
    });
  });
});
