/*
 * Hostile files in the GitOps repository, pushed as a person could push them
 * (a work tree and git commit), read by the provider from a real repository.
 */
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  dataAccessManifest,
  dataProductManifest,
  hasControlCharacter,
  MESHIFI_ANNOTATIONS,
} from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import { execFileSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import path from 'path';
import { stringify } from 'yaml';
import { GitOpsEntityProvider } from './GitOpsEntityProvider';
import {
  dailyTotals,
  ordersByCustomer,
  productWithPorts,
} from './__testUtils__/productsWithPorts';

const product = (owner: string) => {
  const manifest = dataProductManifest({
    info: { name: 'orders', version: '1.0.0' },
    access: { owners: [owner] },
    domain: 'sales',
  });
  return stringify(manifest);
};

/** marketing may read sales/orders until the end of 31 March 2027. */
const grant = stringify(
  dataAccessManifest('marketing-orders', 'sales', {
    product: 'orders',
    consumer: {
      type: 'group',
      email: 'marketing@example.com',
      entityRef: 'group:default/marketing',
    },
    purpose: 'Weekly campaign reporting.',
    expires: '2027-03-31',
  }),
);

/** A YAML "billion laughs": nine levels of nine aliases each. */
const aliasBomb = [
  'a0: &a0 "lol"',
  ...Array.from(
    { length: 9 },
    (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`,
  ),
].join('\n');

describe('GitOpsEntityProvider with hostile files', () => {
  const dir = createMockDirectory();

  function remoteWith(files: Record<string, string>) {
    const remote = path.join(dir.path, 'remote');
    const git = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.name=t', '-c', 'user.email=t@x', ...args],
        {
          cwd: remote,
        },
      );
    mkdirSync(remote, { recursive: true });
    git('init', '--quiet', '--initial-branch=main');
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(remote, file)), { recursive: true });
      writeFileSync(path.join(remote, file), content);
    }
    git('add', '-A');
    git('commit', '-qm', 'files');
    return remote;
  }

  it('gives each bad file its own processing error, and every good file its entities', async () => {
    dir.clear();
    const remote = remoteWith({
      'domains/sales/products/orders.yaml': product('ana@example.com'),
      // Sorts first, and says it is sales/orders with another owner.
      'domains/aaa/products/orders.yaml': product('eve@example.com'),
      'domains/sales/products/bomb.yaml': aliasBomb,
      'domains/sales/products/or\nders.yaml': product('eve@example.com'),
      'domains/sales/products/huge.yaml': `# ${'x'.repeat(1024 * 1024)}\n`,
      'domains/sales/products/two.yaml': `${product(
        'eve@example.com',
      )}---\n${product('eve@example.com')}`,
      'domains/sales/access/marketing-orders.yaml': grant,
      // The same grant where another domain's grants go, or a product's.
      'domains/aaa/access/marketing-orders.yaml': grant,
      'domains/sales/products/marketing-orders.yaml': grant,
      // A product where grants go, and a bomb among them.
      'domains/sales/access/orders.yaml': product('eve@example.com'),
      'domains/sales/access/bomb.yaml': aliasBomb,
      // Ports a person could write by hand: a path as a table, a type
      // BigQuery does not have, a column twice; and good ones beside them.
      'domains/sales/products/bad-ports.yaml': stringify(
        productWithPorts('bad-ports', {
          outputPorts: [
            { ...dailyTotals, name: '../../etc' },
            {
              ...ordersByCustomer,
              contract: {
                columns: [
                  { name: 'id', type: 'VARCHAR' as any },
                  { name: 'id', type: 'STRING' },
                ],
              },
            },
          ],
        }),
      ),
      'domains/sales/products/ported.yaml': stringify(
        productWithPorts('ported', { outputPorts: [dailyTotals] }),
      ),
    });
    const mutations: EntityProviderMutation[] = [];
    const provider = new GitOpsEntityProvider({
      repository: new GitOpsRepository({
        remote,
        branch: 'main',
        mirrorDir: path.join(dir.path, 'mirror'),
        author: { name: 'meshifi', email: 'meshifi@localhost' },
      }),
      logger: { warn: jest.fn() } as any,
      defaultOwner: 'group:default/sales-analytics',
      now: () => new Date('2027-01-01T00:00:00Z'),
    });
    await provider.connect({
      applyMutation: async (m: EntityProviderMutation) => {
        mutations.push(m);
      },
      refresh: async () => {},
    } as EntityProviderConnection);

    await provider.refresh();

    const [mutation] = mutations;
    if (mutation.type !== 'full') {
      throw new Error('expected a full mutation');
    }
    const entities = mutation.entities.map(e => e.entity);
    const orders = entities.find(
      e => e.kind === 'DataProduct' && e.metadata.name === 'orders',
    );
    expect(JSON.stringify(orders)).toContain('ana@example.com');
    expect(JSON.stringify(orders)).not.toContain('eve@example.com');
    expect(orders?.metadata.annotations?.[MESHIFI_ANNOTATIONS.gitopsPath]).toBe(
      'domains/sales/products/orders.yaml',
    );
    expect(orders?.spec?.consumers).toEqual(['group:default/marketing']);

    const problems = Object.fromEntries(
      entities
        .filter(e => e.metadata.annotations?.[MESHIFI_ANNOTATIONS.invalid])
        .map(e => [
          e.metadata.annotations?.[MESHIFI_ANNOTATIONS.gitopsPath],
          e.metadata.annotations?.[MESHIFI_ANNOTATIONS.invalid],
        ]),
    );
    expect(problems).toEqual({
      'domains/aaa/products/orders.yaml':
        'domains/aaa/products/orders.yaml holds DataProduct "orders", whose place is domains/sales/products/orders.yaml: move it there, or fix its content.',
      'domains/sales/products/bomb.yaml': expect.stringMatching(
        /^domains\/sales\/products\/bomb\.yaml cannot be read: .*alias/i,
      ),
      'domains/sales/products/huge.yaml':
        'domains/sales/products/huge.yaml: it is 1.0 MiB, more than the 256 KiB meshifi reads from one file: make it smaller or split it',
      'domains/sales/products/or\\u000aders.yaml': expect.stringMatching(
        /^domains\/sales\/products\/or\\u000aders\.yaml: its name contains a line break/,
      ),
      'domains/sales/products/two.yaml':
        'domains/sales/products/two.yaml holds 2 YAML documents: keep exactly one manifest per file.',
      'domains/aaa/access/marketing-orders.yaml':
        'domains/aaa/access/marketing-orders.yaml holds the grant (DataAccess) "marketing-orders" of the domain "sales" (its metadata.namespace), whose place is domains/sales/access/marketing-orders.yaml: move it there, or fix its content.',
      'domains/sales/products/marketing-orders.yaml':
        'domains/sales/products/marketing-orders.yaml must hold one meshifi DataProduct or DataDomain (apiVersion meshifi.io/v1alpha1).',
      'domains/sales/access/orders.yaml':
        'domains/sales/access/orders.yaml must hold one meshifi DataAccess (an access grant) (apiVersion meshifi.io/v1alpha1).',
      'domains/sales/access/bomb.yaml': expect.stringMatching(
        /^domains\/sales\/access\/bomb\.yaml cannot be read: .*alias/i,
      ),
      'domains/sales/products/bad-ports.yaml': expect.stringMatching(
        /^domains\/sales\/products\/bad-ports\.yaml spec\.outputPorts\.0\.name: .*lower-case letters.*spec\.outputPorts\.1\.contract\.columns\.0\.type: .*BigQuery types/,
      ),
    });
    // A product whose ports are refused gives no entity; the others theirs.
    expect(
      entities
        .filter(e => e.kind === 'API')
        .map(e => e.metadata.annotations?.[MESHIFI_ANNOTATIONS.dataProduct]),
    ).toEqual(['ported']);
    // Nothing a file name carries breaks a line of the catalog's metadata.
    expect(
      entities.filter(e => hasControlCharacter(JSON.stringify(e.metadata))),
    ).toEqual([]);
  });
});
