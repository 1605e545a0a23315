import { createMockDirectory } from '@backstage/backend-test-utils';
import { datasetId, MEDALLION_LAYERS, ValidationError } from '@meshifi/common';
import path from 'path';
import { exampleConfig, exampleTenancy } from '../__testUtils__/exampleTenancy';
import { runExample } from '../__testUtils__/runExample';
import { createDataProductAction } from '../actions/createDataProduct';
import { examples as productExamples } from '../actions/createDataProduct.examples';
import { dbtStarterValuesAction } from './dbtStarterValues';
import { examples } from './dbtStarterValues.examples';

describe('meshifi:dbt:starter-values examples', () => {
  const dir = createMockDirectory();
  const workspacePath = path.join(dir.path, 'workspace');

  const productOf = (index: number) =>
    runExample(
      createDataProductAction({ ...exampleTenancy(), config: exampleConfig }),
      productExamples[index],
      { workspacePath },
    );

  it(`${examples[0].description}`, async () => {
    const product = await productOf(0);
    const { values } = await runExample(dbtStarterValuesAction(), examples[0], {
      workspacePath,
      outputs: { product },
    });
    expect(values).toEqual({
      name: 'customer-orders',
      title: 'Customer orders',
      description: 'Every order placed in the web shop',
      project: product.project,
      datasets: Object.fromEntries(
        MEDALLION_LAYERS.map(layer => [
          layer,
          datasetId('customer-orders', layer),
        ]),
      ),
    });
  });

  it('leaves out the title and description a product does not have', async () => {
    const product = await productOf(1);
    const { values } = await runExample(dbtStarterValuesAction(), examples[0], {
      workspacePath,
      outputs: { product },
    });
    expect(Object.keys(values as object).sort()).toEqual([
      'datasets',
      'name',
      'project',
    ]);
  });

  it('refuses text that is not YAML, saying what to give it', async () => {
    await expect(
      runExample(dbtStarterValuesAction(), examples[0], {
        workspacePath,
        outputs: {
          product: { manifest: 'name: [unclosed', project: 'acme-sales-data' },
        },
      }),
    ).rejects.toThrow(
      /is not YAML: give this step the create step's output manifest/,
    );
  });

  it("refuses YAML that is no data product, with the product rules' words", async () => {
    await expect(
      runExample(dbtStarterValuesAction(), examples[0], {
        workspacePath,
        outputs: {
          product: {
            manifest: 'kind: Something\n',
            project: 'acme-sales-data',
          },
        },
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
