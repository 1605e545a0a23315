import { createMockDirectory } from '@backstage/backend-test-utils';
import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { GitOpsRepository } from '@meshifi/node';
import { execFileSync } from 'child_process';
import path from 'path';
import { exampleConfig, exampleTenancy } from '../__testUtils__/exampleTenancy';
import { useGitOpsServer } from '../__testUtils__/gitOpsServer';
import { runExample } from '../__testUtils__/runExample';
import { createDataProductAction } from './createDataProduct';
import { examples as productExamples } from './createDataProduct.examples';
import { publishToGitOpsAction } from './publishToGitOps';
import { examples } from './publishToGitOps.examples';

describe('meshifi:gitops:publish examples', () => {
  const dir = createMockDirectory();
  const workspacePath = path.join(dir.path, 'workspace');
  const gitops = useGitOpsServer(dir);

  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: gitops.remote, encoding: 'utf8' });

  /**
   * Writes the first product example into the workspace, as the template's
   * step `product` does, then publishes with the example.
   */
  async function publish(example: TemplateExample) {
    const product = await runExample(
      createDataProductAction({ ...exampleTenancy(), config: exampleConfig }),
      productExamples[0],
      { workspacePath },
    );
    const outputs = await runExample(
      publishToGitOpsAction({
        repository: new GitOpsRepository({
          remote: gitops.server.url('gitops.git'),
          branch: 'main',
          mirrorDir: path.join(dir.path, 'mirror'),
          author: { name: 'meshifi', email: 'meshifi@localhost' },
        }),
        ...exampleTenancy(),
      }),
      example,
      { workspacePath, outputs: { product } },
    );
    return { product, outputs };
  }

  it(`${examples[0].description}`, async () => {
    const { product, outputs } = await publish(examples[0]);
    expect(outputs).toEqual({
      commit: git('rev-parse', 'main').trim(),
      created: true,
      repository: gitops.server.url('gitops.git'),
    });
    expect(git('log', '-1', '--format=%s', 'main').trim()).toBe(
      'Add the data product customer-orders',
    );
    expect(git('show', `main:${product.filePath}`)).toBe(product.manifest);
  });

  it(`${examples[1].description}`, async () => {
    const { product, outputs } = await publish(examples[1]);
    expect(outputs.created).toBe(true);
    expect(git('log', '--format=%s', 'main').trim().split('\n')).toEqual([
      'Add domains/sales/products/customer-orders.yaml',
      'Start the meshifi GitOps repository',
    ]);
    expect(
      git('show', 'main:domains/sales/products/customer-orders.yaml'),
    ).toBe(product.manifest);
  });
});
