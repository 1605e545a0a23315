/*
 * The Create page's "Output table" step of the data-product templates says
 * what the model says: the BigQuery types in words, the patterns of table
 * and column names, and the answers reach the create action as its inputs.
 * Every meshifi step of the product templates gives only inputs its action
 * has, and reads only outputs earlier steps have.
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
import { exampleConfig, exampleTenancy } from './__testUtils__/exampleTenancy';
import { createDataProductAction } from './actions/createDataProduct';
import { importContractAction } from './actions/importContract';
import { publishToGitOpsAction } from './actions/publishToGitOps';
import { dbtStarterValuesAction } from './dbt/dbtStarterValues';
import { publishDbtStarterAction } from './dbt/publishDbtStarter';

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

const actions = [
  createDataProductAction({ ...exampleTenancy(), config: exampleConfig }),
  importContractAction(),
  publishToGitOpsAction(exampleTenancy()),
  dbtStarterValuesAction(),
  publishDbtStarterAction({ config: exampleConfig }),
];

interface Step {
  id: string;
  action: string;
  input: Record<string, unknown>;
}

const propertiesOf = (schema: unknown) =>
  Object.keys((schema as { properties?: object })?.properties ?? {});

describe.each([...templates.map(t => t.name), 'data-product-from-contract'])(
  'the steps of the %s template',
  name => {
    const text = readFileSync(
      path.join(TEMPLATES, name, 'template.yaml'),
      'utf8',
    );
    const steps: Step[] = parse(text).spec.steps;
    const meshifiSteps = steps.filter(step =>
      step.action.startsWith('meshifi:'),
    );

    it.each(meshifiSteps.map(step => [step.id, step] as const))(
      'gives the step %s only inputs its action has',
      (_, step) => {
        const action = actions.find(a => a.id === step.action);
        expect(action).toBeDefined();
        const inputs = propertiesOf(action!.schema?.input);
        for (const key of Object.keys(step.input)) {
          expect(inputs).toContain(key);
        }
      },
    );

    it('reads only outputs the earlier meshifi steps have', () => {
      const outputs = new Map(
        meshifiSteps.map(step => [
          step.id,
          propertiesOf(actions.find(a => a.id === step.action)!.schema?.output),
        ]),
      );
      const read = [...text.matchAll(/steps\.(\w+)\.output\.(\w+)/g)];
      const missing = read
        .filter(
          ([, step, output]) =>
            outputs.has(step) && !outputs.get(step)!.includes(output),
        )
        .map(([reference]) => reference);
      expect(missing).toEqual([]);
    });
  },
);
