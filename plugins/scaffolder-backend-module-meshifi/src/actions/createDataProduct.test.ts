import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { promises as fs } from 'fs';
import { parse } from 'yaml';
import { createDataProductAction } from './createDataProduct';

describe('meshifi:dataproduct:create', () => {
  const workspace = createMockDirectory();
  const action = createDataProductAction();

  beforeEach(() => workspace.clear());

  it('writes the DataProduct manifest and says where', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {
        name: 'customer-orders',
        version: '1.2.3',
        owners: ['ana@example.com'],
      },
    });
    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith(
      'filePath',
      'dataproducts/customer-orders.yaml',
    );
    const written = parse(
      await fs.readFile(
        workspace.resolve('dataproducts/customer-orders.yaml'),
        'utf8',
      ),
    );
    expect(written).toEqual({
      apiVersion: 'meshifi.io/v1alpha1',
      kind: 'DataProduct',
      metadata: { name: 'customer-orders' },
      spec: {
        info: { name: 'customer-orders', version: '1.2.3' },
        access: { owners: ['ana@example.com'] },
      },
    });
  });

  it('refuses a name that would leave the workspace and writes nothing', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { name: '../escape', version: '0.1.0', owners: ['a@example.com'] },
    });
    await expect(action.handler(ctx)).rejects.toThrow(/lower-case letters/);
    expect(workspace.content()).toEqual({});
  });
});
