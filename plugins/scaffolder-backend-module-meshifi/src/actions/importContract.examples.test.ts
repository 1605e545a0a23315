import { createMockDirectory } from '@backstage/backend-test-utils';
import { runExample } from '../__testUtils__/runExample';
import { importContractAction } from './importContract';
import { examples } from './importContract.examples';

describe('meshifi:contract:import examples', () => {
  const workspace = createMockDirectory();

  it(`${examples[0].description}`, async () => {
    const outputs = await runExample(importContractAction(), examples[0], {
      workspacePath: workspace.path,
    });
    expect(outputs.outputPort).toEqual({
      name: 'orders',
      description: 'One row per order',
      contract: {
        columns: [
          { name: 'order_id', type: 'STRING', mode: 'REQUIRED' },
          { name: 'amount', type: 'NUMERIC' },
          { name: 'ordered_at', type: 'TIMESTAMP', mode: 'REQUIRED' },
        ],
        primaryKey: ['order_id'],
        freshness: { refreshEvery: '1d' },
      },
    });
    expect(outputs.outputPorts).toEqual([outputs.outputPort]);
    expect(outputs).toMatchObject({
      name: 'web-orders',
      title: 'Web orders',
      description: 'Every order placed in the web shop',
      version: '1.2.0',
    });
    expect(workspace.content()).toEqual({});
  });
});
