import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  dataProductManifest,
  gitopsPath,
  gitopsYaml,
  MESHIFI_ANNOTATIONS,
} from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import { commitFilesOneByOne } from '@meshifi/test-utils';
import path from 'path';
import { useGitOpsServer } from '../__testUtils__/gitOpsServer';
import { createDataProductAction } from './createDataProduct';

const config = new ConfigReader({
  meshifi: { platform: { project: 'meshifi-demo', location: 'EU' } },
});

/** An output port's API entity, as the catalog module makes it. */
const contractApi = (product: string, port: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: `${product}.${port}`,
    annotations: {
      [MESHIFI_ANNOTATIONS.dataProduct]: product,
      [MESHIFI_ANNOTATIONS.outputPort]: port,
    },
  },
  spec: { type: 'data-contract', lifecycle: 'production', owner: 'x' },
});

const org: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'sales-analytics' },
    spec: {
      type: 'team',
      profile: { email: 'sales-analytics@example.com' },
      children: [],
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name: 'sales',
      annotations: { 'meshifi.io/gcp-project': 'acme-sales-data' },
    },
    spec: { owner: 'group:default/sales-analytics' },
  },
  contractApi('customers', 'customers'),
  // The catalog may still show a table its product no longer offers.
  contractApi('customers', 'people'),
];

/** customers, of the finance domain, offering the table customers. */
const customers = (status?: 'retired') => {
  const product = dataProductManifest({
    info: { name: 'customers', version: '1.0.0' },
    access: { owners: ['ana@example.com'] },
    domain: 'finance',
    ...(status ? { status } : {}),
    outputPorts: [
      {
        name: 'customers',
        contract: { columns: [{ name: 'id', type: 'STRING' }] },
      },
    ],
  });
  return { [gitopsPath(product)]: gitopsYaml(product) };
};

describe('meshifi:dataproduct:create against the GitOps repository', () => {
  const dir = createMockDirectory();
  const gitops = useGitOpsServer(dir);
  let runs = 0;

  const repository = () =>
    new GitOpsRepository({
      remote: gitops.server.url('gitops.git'),
      branch: 'main',
      mirrorDir: path.join(dir.path, `mirror-${++runs}`),
      author: { name: 'meshifi', email: 'meshifi@localhost' },
    });

  const run = async (inputPorts: string[], dryRun = false) => {
    const ctx = createMockActionContext({
      workspacePath: path.join(dir.path, `ws-${++runs}`),
      input: {
        name: 'customer-orders',
        domain: 'domain:default/sales',
        owners: ['group:default/sales-analytics'],
        version: '0.1.0',
        inputPorts,
      } as any,
    }) as any;
    ctx.isDryRun = dryRun;
    await createDataProductAction({
      catalog: catalogServiceMock({ entities: org }),
      permissions: mockServices.permissions(),
      settings: { allowedProjects: [], allowedEmailDomains: [] },
      config,
      repository: repository(),
    }).handler(ctx);
    return ctx;
  };

  it('writes a product reading a table the repository has', async () => {
    await commitFilesOneByOne(repository(), customers());
    const ctx = await run(['api:default/customers.customers']);
    expect(ctx.output).toHaveBeenCalledWith(
      'filePath',
      'domains/sales/products/customer-orders.yaml',
    );
  });

  it('refuses, before any review, a table its product no longer offers, listing those it does', async () => {
    await commitFilesOneByOne(repository(), customers());
    await expect(run(['api:default/customers.people'])).rejects.toThrow(
      '"customers" offers no table "people": it offers "customers".',
    );
  });

  it('refuses reading a retired product', async () => {
    await commitFilesOneByOne(repository(), customers('retired'));
    await expect(run(['api:default/customers.customers'])).rejects.toThrow(
      '"customers" is retired',
    );
  });

  it('refuses a product the repository does not have', async () => {
    await expect(run(['api:default/customers.customers'])).rejects.toThrow(
      'There is no data product "customers"',
    );
  });

  it('reads no repository in a dry run', async () => {
    await gitops.server.stop();
    const ctx = await run(['api:default/customers.customers'], true);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'dataproduct:default/customer-orders',
    );
  });
});
