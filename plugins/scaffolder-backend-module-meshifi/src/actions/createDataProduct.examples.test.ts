import { createMockDirectory } from '@backstage/backend-test-utils';
import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import path from 'path';
import { parse } from 'yaml';
import { exampleConfig, exampleTenancy } from '../__testUtils__/exampleTenancy';
import { runExample } from '../__testUtils__/runExample';
import { createDataProductAction } from './createDataProduct';
import { examples } from './createDataProduct.examples';

const action = createDataProductAction({
  ...exampleTenancy(),
  config: exampleConfig,
});

describe('meshifi:dataproduct:create examples', () => {
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());

  /** Runs an example; the workspace must then hold its manifest, and only it. */
  async function written(example: TemplateExample) {
    const outputs = await runExample(action, example, {
      workspacePath: workspace.path,
    });
    const filePath = outputs.filePath as string;
    expect(workspace.content({ path: path.dirname(filePath) })).toEqual({
      [path.basename(filePath)]: outputs.manifest,
    });
    expect(Object.keys(workspace.content() ?? {})).toEqual(['domains']);
    return { outputs, manifest: parse(outputs.manifest as string) };
  }

  it(`${examples[0].description}`, async () => {
    const { outputs, manifest } = await written(examples[0]);
    expect(outputs).toMatchObject({
      entityRef: 'dataproduct:default/customer-orders',
      filePath: 'domains/sales/products/customer-orders.yaml',
      project: 'acme-sales-data',
      serviceAccountEmail:
        'dp-customer-orders@acme-sales-data.iam.gserviceaccount.com',
    });
    expect(outputs.plannedResources).toHaveLength(10);
    expect(outputs.plannedResources).toContain(
      'the group sales-analytics@example.com may act as dp-customer-orders@acme-sales-data.iam.gserviceaccount.com',
    );
    expect(manifest.metadata.annotations).toEqual({
      'meshifi.io/owner': 'group:default/sales-analytics',
    });
    expect(manifest.spec).toEqual({
      info: {
        name: 'customer-orders',
        version: '0.1.0',
        title: 'Customer orders',
        description: 'Every order placed in the web shop',
      },
      access: {
        owners: ['group:sales-analytics@example.com', 'ana@example.com'],
      },
      domain: 'sales',
      location: 'EU',
    });
  });

  it(`${examples[1].description}`, async () => {
    const { outputs, manifest } = await written(examples[1]);
    expect(outputs.filePath).toBe('domains/sales/products/refunds.yaml');
    expect(outputs.plannedResources).toContain(
      'BigQuery dataset refunds_raw (raw layer) in EU, project acme-sales-data',
    );
    expect(manifest.spec).toEqual({
      info: { name: 'refunds', version: '1.0.0' },
      access: { owners: ['group:sales-analytics@example.com'] },
      domain: 'sales',
    });
  });

  it(`${examples[2].description}`, async () => {
    const { manifest } = await written(examples[2]);
    expect(manifest.spec.outputPorts).toEqual([
      {
        name: 'orders',
        description: 'One row per order placed in the web shop',
        contract: {
          columns: [
            { name: 'order_id', type: 'STRING', mode: 'REQUIRED' },
            { name: 'customer_email', type: 'STRING', personalData: true },
            { name: 'amount', type: 'NUMERIC', description: 'In euros' },
          ],
          primaryKey: ['order_id'],
          freshness: { refreshEvery: '1d' },
        },
      },
    ]);
  });
});
