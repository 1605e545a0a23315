import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  DeferredEntity,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  dataDomainManifest,
  dataProductManifest,
  gitopsPath,
} from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import path from 'path';
import { stringify } from 'yaml';
import { GitOpsEntityProvider } from './GitOpsEntityProvider';

/** Records the mutations the provider applies, as the catalog would receive them. */
class RecordingConnection implements EntityProviderConnection {
  mutations: EntityProviderMutation[] = [];
  async applyMutation(mutation: EntityProviderMutation) {
    this.mutations.push(mutation);
  }
  async refresh() {}
  last() {
    return this.mutations[this.mutations.length - 1];
  }
}

const names = (entities: DeferredEntity[]) =>
  entities.map(e => `${e.entity.kind}:${e.entity.metadata.name}`).sort();

const product = (name: string, domain = 'sales') =>
  dataProductManifest({
    info: { name, version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
    domain,
  });

describe('GitOpsEntityProvider', () => {
  const dir = createMockDirectory();
  let repository: GitOpsRepository;
  let connection: RecordingConnection;
  let provider: GitOpsEntityProvider;

  const publish = (file: string, content: string) =>
    repository.publishFile({
      path: file,
      content,
      message: file,
      ifExists: () => new Error('exists'),
    });
  const publishManifest = (manifest: any) =>
    publish(gitopsPath(manifest), stringify(manifest));

  beforeEach(async () => {
    dir.clear();
    repository = new GitOpsRepository({
      remote: path.join(dir.path, 'gitops.git'),
      branch: 'main',
      mirrorDir: path.join(dir.path, 'mirror'),
      author: { name: 'test', email: 'test@localhost' },
      createIfMissing: true,
    });
    connection = new RecordingConnection();
    provider = new GitOpsEntityProvider({
      repository: new GitOpsRepository({
        remote: path.join(dir.path, 'gitops.git'),
        branch: 'main',
        mirrorDir: path.join(dir.path, 'provider-mirror'),
        author: { name: 'test', email: 'test@localhost' },
      }),
      logger: mockServices.logger.mock(),
      defaultOwner: 'group:default/data-platform',
    });
    await provider.connect(connection);
  });

  it('applies everything once, then only what changed, reading only changed files', async () => {
    await publishManifest(
      dataDomainManifest('sales', {
        owner: 'group:default/sales',
        gcpProject: 'acme-sales',
      }),
    );
    await publishManifest(product('orders'));

    expect(await provider.refresh()).toMatchObject({
      type: 'full',
      filesRead: 2,
      added: 6,
    });
    const full = connection.last();
    expect(full.type).toBe('full');
    expect(names((full as any).entities)).toEqual([
      'DataProduct:orders',
      'Domain:sales',
      'Resource:dp-orders',
      'Resource:orders_cleaned',
      'Resource:orders_curated',
      'Resource:orders_raw',
    ]);

    expect(await provider.refresh()).toMatchObject({
      type: 'unchanged',
      filesRead: 0,
    });

    await publishManifest(product('invoices'));
    expect(await provider.refresh()).toMatchObject({
      type: 'delta',
      filesRead: 1,
      added: 5,
      removed: 0,
    });
    expect(names((connection.last() as any).added)).toEqual([
      'DataProduct:invoices',
      'Resource:dp-invoices',
      'Resource:invoices_cleaned',
      'Resource:invoices_curated',
      'Resource:invoices_raw',
    ]);
  });

  it('adds a large first read in slices, then applies it whole so that only what is gone is removed', async () => {
    const sliced = new GitOpsEntityProvider({
      repository: new GitOpsRepository({
        remote: path.join(dir.path, 'gitops.git'),
        branch: 'main',
        mirrorDir: path.join(dir.path, 'sliced-mirror'),
        author: { name: 'test', email: 'test@localhost' },
      }),
      logger: mockServices.logger.mock(),
      defaultOwner: 'group:default/data-platform',
      firstLoadSlice: 4,
    });
    const recorded = new RecordingConnection();
    await sliced.connect(recorded);
    await publishManifest(
      dataDomainManifest('sales', {
        owner: 'group:default/sales',
        gcpProject: 'acme-sales',
      }),
    );
    await publishManifest(product('orders'));
    await publishManifest(product('invoices'));

    expect(await sliced.refresh()).toMatchObject({ type: 'full', added: 11 });
    const deltas = recorded.mutations.slice(0, -1) as Array<
      Extract<EntityProviderMutation, { type: 'delta' }>
    >;
    const full = recorded.last() as Extract<
      EntityProviderMutation,
      { type: 'full' }
    >;
    expect(full.type).toBe('full');
    expect(deltas.map(d => [d.type, d.added.length, d.removed.length])).toEqual(
      [
        ['delta', 4, 0],
        ['delta', 4, 0],
        ['delta', 3, 0],
      ],
    );
    expect(names(deltas.flatMap(d => d.added))).toEqual(names(full.entities));
    expect(full.entities).toHaveLength(11);

    await publishManifest(product('refunds'));
    await sliced.refresh();
    expect(recorded.mutations).toHaveLength(5);
    expect(recorded.last().type).toBe('delta');
  });

  it('applies a first read no larger than a slice as one full mutation', async () => {
    await publishManifest(product('orders'));
    await provider.refresh();
    expect(connection.mutations.map(m => m.type)).toEqual(['full']);
  });

  it('turns a broken file into an entity that carries its problem, and keeps the others', async () => {
    await publishManifest(product('orders'));
    await publish(
      'domains/sales/products/broken.yaml',
      'apiVersion: meshifi.io/v1alpha1\nkind: [DataProduct\n',
    );
    await publish(
      'domains/sales/products/bad-owner.yaml',
      stringify({
        ...product('bad-owner'),
        spec: { ...product('bad-owner').spec, access: { owners: ['nobody'] } },
      }),
    );
    await provider.refresh();
    const entities = (connection.last() as any).entities as DeferredEntity[];
    const invalid = entities
      .map(e => e.entity.metadata.annotations?.['meshifi.io/invalid'])
      .filter(Boolean);
    expect(invalid).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^domains\/sales\/products\/broken.yaml is not valid YAML/,
        ),
        'domains/sales/products/bad-owner.yaml spec.access.owners.0: Owner email: Give each owner as an email address, such as ana@example.com, or a Google group as group:sales@example.com.',
      ]),
    );
    expect(
      names(entities).filter(n => n.startsWith('DataProduct:orders')),
    ).toEqual(['DataProduct:orders']);
  });

  it('reports the second definition of a name, naming both files', async () => {
    await publishManifest(product('orders', 'sales'));
    await publish(
      'domains/finance/products/orders.yaml',
      stringify(product('orders', 'finance')),
    );
    await provider.refresh();
    const entities = (connection.last() as any).entities as DeferredEntity[];
    expect(
      entities.filter(e => e.entity.metadata.name === 'orders'),
    ).toHaveLength(1);
    const duplicate = entities.find(
      e => e.entity.metadata.annotations?.['meshifi.io/invalid'],
    );
    expect(duplicate?.entity.metadata.annotations?.['meshifi.io/invalid']).toBe(
      'domains/sales/products/orders.yaml defines dataproduct:default/orders, which domains/finance/products/orders.yaml already defines: names must be unique, so rename or remove one of them.',
    );
  });
});
