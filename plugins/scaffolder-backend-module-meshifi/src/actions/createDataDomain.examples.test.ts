import { createMockDirectory } from '@backstage/backend-test-utils';
import { parse } from 'yaml';
import { exampleTenancy } from '../__testUtils__/exampleTenancy';
import { runExample } from '../__testUtils__/runExample';
import { createDataDomainAction } from './createDataDomain';
import { examples } from './createDataDomain.examples';

describe('meshifi:datadomain:create examples', () => {
  const workspace = createMockDirectory();
  beforeEach(() => workspace.clear());

  it(`${examples[0].description}`, async () => {
    const outputs = await runExample(
      createDataDomainAction(exampleTenancy()),
      examples[0],
      { workspacePath: workspace.path },
    );
    expect(outputs).toEqual({
      entityRef: 'domain:default/sales',
      filePath: 'domains/sales/domain.yaml',
      manifest: expect.any(String),
    });
    expect(workspace.content()).toEqual({
      domains: { sales: { 'domain.yaml': outputs.manifest } },
    });
    expect(parse(outputs.manifest as string)).toEqual({
      apiVersion: 'meshifi.io/v1alpha1',
      kind: 'DataDomain',
      metadata: { name: 'sales' },
      spec: {
        title: 'Sales',
        owner: 'group:default/sales-analytics',
        gcpProject: 'acme-sales-data',
      },
    });
  });
});
