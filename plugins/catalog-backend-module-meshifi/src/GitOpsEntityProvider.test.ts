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
  AccessConsumer,
  dataAccessManifest,
  dataDomainManifest,
  DataProduct,
  dataProductManifest,
  gitopsPath,
  OutputPort,
  outputPortEntityName,
} from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import path from 'path';
import { stringify } from 'yaml';
import { GitOpsEntityProvider } from './GitOpsEntityProvider';
import {
  dailyTotals,
  ordersByCustomer,
  productWithPorts,
} from './__testUtils__/productsWithPorts';

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

const grant = (
  name: string,
  consumer: AccessConsumer,
  options: { product?: string; expires?: string } = {},
) =>
  dataAccessManifest(name, 'sales', {
    product: options.product ?? 'orders',
    consumer,
    purpose: 'Weekly campaign reporting.',
    expires: options.expires ?? '2027-03-31',
  });

const marketing: AccessConsumer = {
  type: 'group',
  email: 'marketing@example.com',
  entityRef: 'group:default/marketing',
};

/** The spec of the one DataProduct among entities given to the catalog. */
const productSpecIn = (entities: DeferredEntity[], name = 'orders') =>
  entities.find(
    e => e.entity.kind === 'DataProduct' && e.entity.metadata.name === name,
  )?.entity.spec;

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

  describe('with access grants', () => {
    /** The instant the clock shows; a grant until 2027-03-31 ends at 2027-04-01T00:00Z. */
    let now: Date;
    let clocked: GitOpsEntityProvider;
    let recorded: RecordingConnection;

    beforeEach(async () => {
      now = new Date('2027-03-31T12:00:00Z');
      clocked = new GitOpsEntityProvider({
        repository: new GitOpsRepository({
          remote: path.join(dir.path, 'gitops.git'),
          branch: 'main',
          mirrorDir: path.join(dir.path, 'clocked-mirror'),
          author: { name: 'test', email: 'test@localhost' },
        }),
        logger: mockServices.logger.mock(),
        defaultOwner: 'group:default/data-platform',
        now: () => now,
      });
      recorded = new RecordingConnection();
      await clocked.connect(recorded);
      await publishManifest(
        dataDomainManifest('sales', {
          owner: 'group:default/sales',
          gcpProject: 'acme-sales',
        }),
      );
      await publishManifest(product('orders'));
      await publishManifest(product('invoices'));
    });

    it('gives a product the catalog consumers of its grants, and no entity of their own', async () => {
      await publishManifest(grant('marketing-orders', marketing));
      await publishManifest(
        grant('bo-orders', {
          type: 'user',
          email: 'bo@example.com',
          entityRef: 'user:default/bo',
        }),
      );
      // A consumer known by its email only is in IAM, not in the catalog.
      await publishManifest(
        grant('partner-orders', { type: 'user', email: 'carla@partner.org' }),
      );
      expect(await clocked.refresh()).toMatchObject({
        type: 'full',
        filesRead: 6,
        added: 11,
      });
      const { entities } = recorded.last() as Extract<
        EntityProviderMutation,
        { type: 'full' }
      >;
      expect(productSpecIn(entities)?.consumers).toEqual([
        'group:default/marketing',
        'user:default/bo',
      ]);
      expect(productSpecIn(entities, 'invoices')?.consumers).toBeUndefined();
    });

    it('gives the catalog the product again, and only it, when a grant file is added or removed', async () => {
      await clocked.refresh();
      await publishManifest(grant('marketing-orders', marketing));
      expect(await clocked.refresh()).toMatchObject({
        type: 'delta',
        filesRead: 1,
        added: 1,
        removed: 0,
      });
      const added = (recorded.last() as any).added as DeferredEntity[];
      expect(names(added)).toEqual(['DataProduct:orders']);
      expect(productSpecIn(added)?.consumers).toEqual([
        'group:default/marketing',
      ]);

      await repository.removeFiles({
        paths: [gitopsPath(grant('marketing-orders', marketing))],
        message: 'revoke',
      });
      expect(await clocked.refresh()).toMatchObject({
        type: 'delta',
        filesRead: 0,
        added: 1,
        removed: 0,
      });
      const revoked = (recorded.last() as any).added as DeferredEntity[];
      expect(productSpecIn(revoked)?.consumers).toBeUndefined();
    });

    it('drops a consumer when its last day ends, without a new commit', async () => {
      await publishManifest(grant('marketing-orders', marketing));
      await publishManifest(
        grant(
          'sales-ops-orders',
          {
            ...marketing,
            entityRef: 'group:default/sales-ops',
          },
          { expires: '2027-04-30' },
        ),
      );
      await clocked.refresh();

      now = new Date('2027-03-31T23:59:59Z');
      expect(await clocked.refresh()).toMatchObject({ type: 'unchanged' });

      now = new Date('2027-04-01T00:00:00Z');
      expect(await clocked.refresh()).toMatchObject({
        type: 'delta',
        filesRead: 0,
        added: 1,
        removed: 0,
      });
      const added = (recorded.last() as any).added as DeferredEntity[];
      expect(productSpecIn(added)?.consumers).toEqual([
        'group:default/sales-ops',
      ]);
      expect(await clocked.refresh()).toMatchObject({ type: 'unchanged' });

      now = new Date('2027-05-01T00:00:00Z');
      await clocked.refresh();
      const last = (recorded.last() as any).added as DeferredEntity[];
      expect(productSpecIn(last)?.consumers).toBeUndefined();
      expect(await clocked.refresh()).toMatchObject({ type: 'unchanged' });
    });

    it('gives an ended grant no consumer from the first read on', async () => {
      now = new Date('2027-04-02T00:00:00Z');
      await publishManifest(grant('marketing-orders', marketing));
      await clocked.refresh();
      const { entities } = recorded.last() as any;
      expect(productSpecIn(entities)?.consumers).toBeUndefined();
    });
  });

  it('gives each output port its API entity with its product, and takes it away with its port or its product', async () => {
    const withPorts = (ports: OutputPort[]) =>
      productWithPorts('orders', { outputPorts: ports });
    // publishFile keeps a file it finds: a change is a removal and an
    // addition, which the next refresh reads as one changed file.
    const publishAgain = async (manifest: DataProduct) => {
      await repository.removeFiles({
        paths: [gitopsPath(manifest)],
        message: 'change, 1/2',
      });
      await publishManifest(manifest);
    };
    const apiNames = (entities: DeferredEntity[]) =>
      names(entities.filter(e => e.entity.kind === 'API'));
    await publishManifest(withPorts([ordersByCustomer, dailyTotals]));
    await provider.refresh();
    expect(apiNames((connection.last() as any).entities)).toEqual(
      [
        `API:${outputPortEntityName('orders', 'daily_totals')}`,
        `API:${outputPortEntityName('orders', 'orders_by_customer')}`,
      ].sort(),
    );

    await publishAgain(withPorts([ordersByCustomer]));
    expect(await provider.refresh()).toMatchObject({
      type: 'delta',
      removed: 1,
    });
    const dropped = connection.last() as Extract<
      EntityProviderMutation,
      { type: 'delta' }
    >;
    expect(dropped.removed.map(r => 'entityRef' in r && r.entityRef)).toEqual([
      `api:default/${outputPortEntityName('orders', 'daily_totals')}`,
    ]);
    // The product changed (one port fewer); the port that stays did not.
    expect(names(dropped.added)).toEqual(['DataProduct:orders']);

    await repository.removeFiles({
      paths: [gitopsPath(withPorts([]))],
      message: 'remove orders',
    });
    await provider.refresh();
    const gone = connection.last() as Extract<
      EntityProviderMutation,
      { type: 'delta' }
    >;
    expect(gone.removed.map(r => 'entityRef' in r && r.entityRef)).toContain(
      `api:default/${outputPortEntityName('orders', 'orders_by_customer')}`,
    );
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
