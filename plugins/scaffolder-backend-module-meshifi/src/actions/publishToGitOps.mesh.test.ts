import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  dataProductManifest,
  DataProductSpec,
  gitopsPath,
  gitopsYaml,
  MESHIFI_ANNOTATIONS,
  OutputPort,
} from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import { commitFilesOneByOne } from '@meshifi/test-utils';
import { execFileSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import path from 'path';
import { useGitOpsServer } from '../__testUtils__/gitOpsServer';
import { publishToGitOpsAction } from './publishToGitOps';

const table = (name: string): OutputPort => ({
  name,
  description: 'One row per order.',
  contract: {
    columns: [
      { name: 'order_id', type: 'STRING', mode: 'REQUIRED' },
      { name: 'amount', type: 'NUMERIC' },
    ],
    primaryKey: ['order_id'],
  },
});

/** A product of a domain offering `ports` and reading `reads` (product.port). */
const product = (
  name: string,
  options: {
    domain?: string;
    version?: string;
    ports?: OutputPort[];
    reads?: string[];
    spec?: Partial<DataProductSpec>;
  } = {},
) => {
  const manifest = dataProductManifest({
    info: { name, version: options.version ?? '1.0.0' },
    access: { owners: ['ana@example.com'] },
    domain: options.domain ?? 'sales',
    outputPorts: options.ports ?? [table('orders')],
    ...(options.reads
      ? {
          inputPorts: options.reads.map(read => {
            const [source, port] = read.split('.');
            return { product: source, port };
          }),
        }
      : {}),
    ...options.spec,
  });
  manifest.metadata.annotations = {
    [MESHIFI_ANNOTATIONS.owner]: `group:default/${manifest.spec.domain}`,
  };
  return { path: gitopsPath(manifest), content: gitopsYaml(manifest) };
};

const catalog = catalogServiceMock({
  entities: [
    ...['sales', 'finance'].map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: { name },
      spec: { owner: `group:default/${name}` },
    })),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'ana' },
      spec: { profile: { email: 'ana@example.com' } },
    },
  ],
});

describe('meshifi:gitops:publish and the rules of the mesh', () => {
  const dir = createMockDirectory();
  const gitops = useGitOpsServer(dir);
  let runs = 0;

  const repository = (mirror: string) =>
    new GitOpsRepository({
      remote: gitops.server.url('gitops.git'),
      branch: 'main',
      mirrorDir: path.join(dir.path, `mirror-${mirror}`),
      author: { name: 'meshifi', email: 'meshifi@localhost' },
    });

  const head = () =>
    execFileSync('git', ['rev-parse', 'main'], {
      cwd: gitops.remote,
      encoding: 'utf8',
    }).trim();

  /** Publishes a file as a template's last step does, in a workspace of its own. */
  async function publish(file: { path: string; content: string }) {
    runs += 1;
    const workspace = path.join(dir.path, `ws-${runs}`);
    mkdirSync(path.dirname(path.join(workspace, file.path)), {
      recursive: true,
    });
    writeFileSync(path.join(workspace, file.path), file.content);
    const ctx = createMockActionContext({
      workspacePath: workspace,
      input: { filePath: file.path },
    });
    await publishToGitOpsAction({
      repository: repository(`run-${runs}`),
      catalog,
      permissions: mockServices.permissions(),
      settings: { allowedProjects: [], allowedEmailDomains: [] },
    }).handler(ctx);
    return ctx;
  }

  /** Expects a publish refused with these words, and the repository unchanged. */
  async function expectRefused(
    file: { path: string; content: string },
    ...words: string[]
  ) {
    const before = head();
    const refusal = publish(file);
    await expect(refusal).rejects.toThrow();
    const message = await refusal.catch((error: Error) => error.message);
    for (const word of words) {
      expect(message).toContain(word);
    }
    expect(head()).toBe(before);
    return message;
  }

  describe('a contract that is not right in itself', () => {
    const withPort = (change: (port: OutputPort) => void) => {
      const port = table('orders');
      change(port);
      return product('orders', { ports: [port] });
    };

    it('refuses a type BigQuery does not have, listing those it has', async () => {
      await expectRefused(
        withPort(port => {
          (port.contract.columns[1] as { type: string }).type = 'MONEY';
        }),
        'NUMERIC',
        'TIMESTAMP',
      );
    });

    it('refuses a column named twice, in any case', async () => {
      await expectRefused(
        withPort(port => {
          port.contract.columns.push({ name: 'Amount', type: 'FLOAT64' });
        }),
        '"Amount" twice',
      );
    });

    it('refuses a primary key on a column the table does not have', async () => {
      await expectRefused(
        withPort(port => {
          port.contract.primaryKey = ['order_number'];
        }),
        '"order_number"',
        'add the column or take it out of the key',
      );
    });

    it('refuses a table name that is no BigQuery table id', async () => {
      await expectRefused(
        withPort(port => {
          port.name = 'Orders by day';
        }),
        'orders_by_day',
      );
    });
  });

  describe('a product the mesh cannot hold', () => {
    beforeEach(async () => {
      await publish(
        product('customers', {
          domain: 'finance',
          ports: [table('customers'), table('addresses')],
        }),
      );
    });

    it('publishes a product that reads a table of another domain', async () => {
      const ctx = await publish(
        product('orders', { reads: ['customers.customers'] }),
      );
      expect(ctx.output).toHaveBeenCalledWith('created', true);
    });

    it('refuses an input port to a product that does not exist', async () => {
      await expectRefused(
        product('orders', { reads: ['clients.customers'] }),
        'There is no data product "clients"',
      );
    });

    it('refuses an input port to a table the product does not offer, listing those it does', async () => {
      await expectRefused(
        product('orders', { reads: ['customers.people'] }),
        '"customers" offers no table "people": it offers "customers", "addresses".',
      );
    });

    it('refuses a loop of input ports, naming the way round', async () => {
      // Merged as a pull request, which the publish does not see: invoices
      // already reads the orders that do not exist yet.
      const invoices = product('invoices', {
        domain: 'finance',
        reads: ['orders.orders'],
      });
      await commitFilesOneByOne(repository('pull-request'), {
        [invoices.path]: invoices.content,
      });
      await expectRefused(
        product('orders', { reads: ['invoices.orders'] }),
        '"orders" reads "invoices" reads "orders"',
      );
    });

    it('says every problem at once', async () => {
      const message = await expectRefused(
        product('orders', {
          reads: ['clients.customers', 'customers.people'],
        }),
      );
      expect(message).toContain('"clients"');
      expect(message).toContain('"people"');
    });
  });

  describe('a change of a product already in the repository', () => {
    beforeEach(async () => {
      await publish(product('customers', { domain: 'finance' }));
    });

    it('refuses a change that breaks readers without a new major version', async () => {
      const port = table('orders');
      port.contract.columns.pop();
      await expectRefused(
        product('customers', {
          domain: 'finance',
          version: '1.1.0',
          ports: [port],
        }),
        'The column "amount" of "orders" is removed',
        'raise the version to 2.0.0',
      );
    });

    it('refuses retiring a product others read, naming them', async () => {
      await publish(product('orders', { reads: ['customers.orders'] }));
      await expectRefused(
        product('customers', {
          domain: 'finance',
          spec: { status: 'retired' },
        }),
        'cannot be retired while "orders" read its tables',
      );
    });

    it('refuses removing a table others read', async () => {
      await publish(product('orders', { reads: ['customers.orders'] }));
      await expectRefused(
        product('customers', {
          domain: 'finance',
          version: '2.0.0',
          ports: [table('addresses')],
        }),
        'The table "orders" cannot be removed while "orders" read it',
      );
    });

    it('still never overwrites a change that breaks no rule: changes go through a pull request', async () => {
      await expectRefused(
        product('customers', { domain: 'finance', version: '2.0.0' }),
        'already exists in the GitOps repository',
      );
    });
  });
});
