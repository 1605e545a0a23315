/*
 * The processor on its own, without a catalog: which entities it accepts,
 * the relations and links it gives a DataProduct, and how it refuses
 * hostile ones. module.test.ts checks the same through a started catalog.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessorResult,
  EntityRelationSpec,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  dataDomainManifest,
  dataProductManifest,
  MESHIFI_ANNOTATIONS,
  outputPortEntityName,
} from '@meshifi/common';
import fc from 'fast-check';
import { CatalogLookups } from './CatalogLookups';
import { MeshifiEntityProcessor } from './MeshifiEntityProcessor';
import { manifestToEntities } from './manifestToEntities';
import {
  dailyTotals,
  ordersByCustomer,
  productWithPorts,
} from './__testUtils__/productsWithPorts';

const location = { type: 'url', target: 'https://example.com/products.yaml' };

const user = (ref: { name: string; namespace?: string }, email: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: ref,
  spec: { profile: { email }, memberOf: [] },
});
const catalogDomain = (
  name: string,
  annotations: Record<string, string> = {},
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: { name, annotations },
  spec: { owner: 'group:default/sales-analytics' },
});

const org: Entity[] = [
  user({ name: 'ana' }, 'Ana@Example.com'),
  // Two catalog users may share an address: both own the product.
  user({ name: 'ana-admin', namespace: 'ops' }, 'ana@example.com'),
  user({ name: 'bo' }, 'bo@example.com'),
  catalogDomain('sales', {
    [MESHIFI_ANNOTATIONS.gcpProject]: 'acme-sales-data',
  }),
  catalogDomain('legacy'),
];

const processor = (platformProject?: string) =>
  new MeshifiEntityProcessor({
    lookups: new CatalogLookups(
      catalogServiceMock({ entities: org }),
      mockServices.auth(),
    ),
    ...(platformProject ? { platformProject } : {}),
  });

/** The catalog entity the module makes of a product manifest. */
function productEntity(
  options: {
    owners?: string[];
    domain?: string;
    owner?: string;
  } = {},
): Entity {
  const manifest = dataProductManifest({
    info: { name: 'customer-orders', version: '0.1.0' },
    access: { owners: options.owners ?? ['ana@example.com'] },
    ...(options.domain ? { domain: options.domain } : {}),
  });
  manifest.metadata.annotations = {
    [MESHIFI_ANNOTATIONS.owner]:
      options.owner ?? 'group:default/sales-analytics',
  };
  const converted = manifestToEntities(manifest);
  if (!converted.ok) {
    throw new Error(converted.message);
  }
  return converted.entities[0];
}

/** The catalog entity the module makes of a domain manifest: a Domain. */
const salesDomainEntity = (): Entity =>
  (
    manifestToEntities(
      dataDomainManifest('sales', {
        owner: 'group:default/sales-analytics',
        gcpProject: 'acme-sales-data',
      }),
    ) as { entities: Entity[] }
  ).entities[0];

/** Runs postProcessEntity, keeping what it emitted. */
async function postProcess(entity: Entity, platformProject?: string) {
  const emitted: CatalogProcessorResult[] = [];
  const result = await processor(platformProject).postProcessEntity(
    entity,
    location,
    output => emitted.push(output),
  );
  return { result, emitted };
}

/** The relations emitted, as `source type target` lines, sorted. */
const relationLines = (emitted: CatalogProcessorResult[]) =>
  emitted
    .map(output => {
      expect(output.type).toBe('relation');
      const { source, type, target } = (
        output as { relation: EntityRelationSpec }
      ).relation;
      return `${stringifyEntityRef(source)} ${type} ${stringifyEntityRef(
        target,
      )}`;
    })
    .sort();

const self = 'dataproduct:default/customer-orders';

/** Both directions of a relation between the product and another entity. */
const both = (type: string, reverse: string, other: string) => [
  `${self} ${type} ${other}`,
  `${other} ${reverse} ${self}`,
];

describe('MeshifiEntityProcessor.validateEntityKind', () => {
  it('accepts a DataProduct entity as the module makes it', async () => {
    await expect(
      processor().validateEntityKind(productEntity({ domain: 'sales' })),
    ).resolves.toBe(true);
  });

  it('leaves other kinds, and a DataProduct of another apiVersion, to other processors', async () => {
    const domain = salesDomainEntity();
    expect(domain.kind).toBe('Domain');
    await expect(processor().validateEntityKind(domain)).resolves.toBe(false);
    await expect(
      processor().validateEntityKind({
        ...productEntity(),
        apiVersion: 'backstage.io/v1alpha1',
      }),
    ).resolves.toBe(false);
  });

  it('refuses a DataProduct that does not fit its schema, naming the field', async () => {
    const entity = productEntity();
    const { owners: _dropped, ...spec } = entity.spec!;
    await expect(
      processor().validateEntityKind({ ...entity, spec }),
    ).rejects.toThrow("/spec must have required property 'owners'");
    await expect(
      processor().validateEntityKind({
        ...entity,
        spec: { ...entity.spec, serviceAccountId: 'dp' },
      }),
    ).rejects.toThrow('/spec/serviceAccountId must NOT have fewer than 6');
  });

  it('refuses an owner or a domain that is no entity reference, saying what it should be', async () => {
    const entity = productEntity({ domain: 'sales' });
    const owner = processor().validateEntityKind({
      ...entity,
      spec: { ...entity.spec, owner: 'group:' },
    });
    await expect(owner).rejects.toThrow(InputError);
    await expect(owner).rejects.toThrow(
      '/spec/owner must be an entity reference such as group:default/sales-analytics, not "group:"',
    );
    const domain = await processor()
      .validateEntityKind({ ...entity, spec: { ...entity.spec, domain: ':' } })
      .catch((error: InputError) => error);
    expect(domain).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^\/spec\/domain must be an entity reference such as sales, not ":"/,
      ),
      cause: expect.objectContaining({
        message: expect.stringContaining('Entity reference ":"'),
      }),
    });
  });

  it('accepts the consumers of a product as entity references, and refuses one that is not', async () => {
    const entity = productEntity();
    await expect(
      processor().validateEntityKind({
        ...entity,
        spec: {
          ...entity.spec,
          consumers: ['group:default/marketing', 'user:ops/bo'],
        },
      }),
    ).resolves.toBe(true);
    // A bare name says neither user nor group: the provider never writes one.
    const bare = processor().validateEntityKind({
      ...entity,
      spec: { ...entity.spec, consumers: ['marketing'] },
    });
    await expect(bare).rejects.toThrow(InputError);
    await expect(bare).rejects.toThrow(
      '/spec/consumers must hold entity references such as group:default/marketing, not "marketing"',
    );
    await expect(
      processor().validateEntityKind({
        ...entity,
        spec: {
          ...entity.spec,
          consumers: ['group:default/a', 'group:default/a'],
        },
      }),
    ).rejects.toThrow('/spec/consumers must NOT have duplicate items');
  });

  it('refuses ports a manifest could not have, naming the field', async () => {
    const entity = productEntity();
    const refusals: Array<[NonNullable<Entity['spec']>, string]> = [
      [
        { outputPorts: [{ ...dailyTotals, name: 'Daily totals' }] },
        '/spec/outputPorts/0/name must match pattern',
      ],
      [
        { outputPorts: [{ name: 'daily_totals' }] },
        "/spec/outputPorts/0 must have required property 'contract'",
      ],
      [
        { inputPorts: [{ product: 'web-shop', port: '../x' }] },
        '/spec/inputPorts/0/port must match pattern',
      ],
      [
        { inputPorts: [{ product: 'Web Shop', port: 'orders' }] },
        '/spec/inputPorts/0/product must match pattern',
      ],
      [{ status: 'gone' }, '/spec/status must be equal to one of the allowed'],
      [{ capabilities: 'dbt' }, '/spec/capabilities must be object'],
    ];
    for (const [spec, message] of refusals) {
      await expect(
        processor().validateEntityKind({
          ...entity,
          spec: { ...entity.spec, ...spec },
        }),
      ).rejects.toThrow(message);
    }
  });

  it("refuses an entity that carries a manifest's problem with that problem, whatever its kind", async () => {
    const problem =
      'domains/sales/products/typo.yaml is not valid YAML: fix the file in the GitOps repository.';
    for (const kind of ['DataProduct', 'Component']) {
      const refused = processor().validateEntityKind({
        apiVersion: 'backstage.io/v1alpha1',
        kind,
        metadata: {
          name: 'invalid-manifest-x',
          annotations: { [MESHIFI_ANNOTATIONS.invalid]: problem },
        },
      });
      await expect(refused).rejects.toThrow(InputError);
      await expect(refused).rejects.toThrow(problem);
    }
  });
});

describe('MeshifiEntityProcessor.postProcessEntity', () => {
  it('relates a product to its Backstage owner, the catalog users among its owners, and its domain', async () => {
    const { emitted } = await postProcess(
      productEntity({
        domain: 'sales',
        // A group grants no user; an address without a catalog user neither.
        owners: [
          'ANA@example.com',
          'group:sales@example.com',
          'carla@partner.org',
        ],
      }),
    );
    expect(relationLines(emitted)).toEqual(
      [
        ...both('ownedBy', 'ownerOf', 'group:default/sales-analytics'),
        ...both('ownedBy', 'ownerOf', 'user:default/ana'),
        ...both('ownedBy', 'ownerOf', 'user:ops/ana-admin'),
        ...both('partOf', 'hasPart', 'domain:default/sales'),
      ].sort(),
    );
  });

  it('relates an owner once when the Backstage owner is also an IAM owner, and reads a short owner as a group', async () => {
    const { emitted } = await postProcess(
      productEntity({ owner: 'user:default/bo', owners: ['Bo@Example.com'] }),
    );
    expect(relationLines(emitted)).toEqual(
      both('ownedBy', 'ownerOf', 'user:default/bo').sort(),
    );
    const short = await postProcess(
      productEntity({ owner: 'sales-analytics', owners: ['x@example.org'] }),
    );
    expect(relationLines(short.emitted)).toEqual(
      both('ownedBy', 'ownerOf', 'group:default/sales-analytics').sort(),
    );
  });

  it('relates a product and each of its consumers both ways, consumesData and dataConsumedBy', async () => {
    const entity = productEntity({ owners: ['x@example.org'] });
    entity.spec!.consumers = ['group:default/marketing', 'user:ops/bo'];
    const { emitted, result } = await postProcess(entity);
    expect(relationLines(emitted)).toEqual(
      [
        ...both('ownedBy', 'ownerOf', 'group:default/sales-analytics'),
        ...both('dataConsumedBy', 'consumesData', 'group:default/marketing'),
        ...both('dataConsumedBy', 'consumesData', 'user:ops/bo'),
      ].sort(),
    );
    expect(result.spec).toEqual(entity.spec);
  });

  it('provides the API entity of each output port, consumes those it reads, and depends on their products once each', async () => {
    const entity = productEntity({ owners: ['x@example.org'] });
    entity.spec!.outputPorts = [ordersByCustomer, dailyTotals];
    entity.spec!.inputPorts = [
      // Two tables of a product of another domain, one of a third product.
      { product: 'web-shop', port: 'orders' },
      { product: 'web-shop', port: 'returns' },
      { product: 'fx-rates', port: 'daily_rates' },
    ];
    const { emitted, result } = await postProcess(entity);
    const api = (product: string, port: string) =>
      `api:default/${outputPortEntityName(product, port)}`;
    expect(relationLines(emitted)).toEqual(
      [
        ...both('ownedBy', 'ownerOf', 'group:default/sales-analytics'),
        ...both(
          'providesApi',
          'apiProvidedBy',
          api('customer-orders', 'orders_by_customer'),
        ),
        ...both(
          'providesApi',
          'apiProvidedBy',
          api('customer-orders', 'daily_totals'),
        ),
        ...both('consumesApi', 'apiConsumedBy', api('web-shop', 'orders')),
        ...both('consumesApi', 'apiConsumedBy', api('web-shop', 'returns')),
        ...both('consumesApi', 'apiConsumedBy', api('fx-rates', 'daily_rates')),
        ...both('dependsOn', 'dependencyOf', 'dataproduct:default/web-shop'),
        ...both('dependsOn', 'dependencyOf', 'dataproduct:default/fx-rates'),
      ].sort(),
    );
    expect(result.spec).toEqual(entity.spec);
  });

  it('relates the port of a long product name to the API entity the product’s manifest gave', async () => {
    const long = 'p'.repeat(63);
    const entity = productEntity({ owners: ['x@example.org'] });
    entity.spec!.inputPorts = [{ product: long, port: 'a'.repeat(63) }];
    const { emitted } = await postProcess(entity);
    const apiRef = relationLines(emitted)
      .find(line => line.startsWith(`${self} consumesApi `))!
      .split(' ')[2];
    const provider = productWithPorts(long, {
      outputPorts: [{ ...dailyTotals, name: 'a'.repeat(63) }],
    });
    const converted = manifestToEntities(provider);
    if (!converted.ok) throw new Error(converted.message);
    const apiEntity = converted.entities.find(e => e.kind === 'API')!;
    expect(apiRef).toBe(stringifyEntityRef(apiEntity));
  });

  it("links each dataset and the service account in the domain's project, after the links it had", async () => {
    const entity = productEntity({ domain: 'sales' });
    entity.metadata.links = [{ url: 'https://wiki.example.com/orders' }];
    const { result } = await postProcess(entity, 'meshifi-platform');
    expect(result.metadata.links?.map(l => [l.type, l.title])).toEqual([
      [undefined, undefined],
      ['bigquery-dataset', 'BigQuery: customer_orders_raw'],
      ['bigquery-dataset', 'BigQuery: customer_orders_cleaned'],
      ['bigquery-dataset', 'BigQuery: customer_orders_curated'],
      [
        'gcp-service-account',
        'Service account: dp-customer-orders@acme-sales-data.iam.gserviceaccount.com',
      ],
    ]);
    expect(result.metadata.links?.[1].url).toMatch(
      /^https:\/\/console\.cloud\.google\.com\/bigquery\?project=acme-sales-data&/,
    );
    expect(result.spec).toEqual(entity.spec);
  });

  it('links a product without a domain in the platform project, and adds no link where no project is known', async () => {
    const withoutDomain = await postProcess(
      productEntity(),
      'meshifi-platform',
    );
    expect(withoutDomain.result.metadata.links?.at(-1)?.title).toBe(
      'Service account: dp-customer-orders@meshifi-platform.iam.gserviceaccount.com',
    );
    expect((await postProcess(productEntity())).result.metadata.links).toEqual(
      [],
    );
    const legacy = await postProcess(
      productEntity({ domain: 'legacy' }),
      'meshifi-platform',
    );
    expect(legacy.result.metadata.links).toEqual([]);
  });

  it('leaves every other entity as it is, and emits nothing for it', async () => {
    const others = [
      salesDomainEntity(),
      { ...productEntity(), apiVersion: 'backstage.io/v1alpha1' },
    ];
    for (const other of others) {
      const { result, emitted } = await postProcess(other, 'meshifi-platform');
      expect(result).toBe(other);
      expect(emitted).toEqual([]);
    }
  });
});

/** Entity-like values a hand-written catalog file or a broken provider could hold. */
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '',
    ':',
    'group:',
    'a:b:c/d/e',
    '../../etc',
    'user:default/ana',
    'ana@example.com',
    'x'.repeat(300),
  ),
);
/** A field's valid value most of the time, so that most entities get past the schema. */
const mostly = <T>(valid: T, hostile: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { arbitrary: fc.constant(valid), weight: 3 },
    { arbitrary: hostile, weight: 1 },
  );
const hostileSpec = fc.record(
  {
    type: mostly('data-product', text),
    lifecycle: mostly('production', text),
    owner: fc.oneof(fc.constant('group:default/sales-analytics'), text),
    domain: fc.oneof(fc.constant('sales'), text, fc.anything()),
    version: mostly('1.0.0', text),
    owners: mostly(
      ['ana@example.com'],
      fc.oneof(fc.array(text, { maxLength: 3 }), fc.anything()),
    ),
    datasets: mostly(
      [{ layer: 'raw', datasetId: 'customer_orders_raw' }],
      fc.oneof(
        fc.array(fc.record({ layer: text, datasetId: text }), {
          maxLength: 2,
        }),
        fc.anything(),
      ),
    ),
    serviceAccountId: mostly('dp-customer-orders', text),
    consumers: mostly(
      ['group:default/marketing'],
      fc.oneof(fc.array(text, { maxLength: 3 }), fc.anything()),
    ),
    status: mostly('active', text),
    outputPorts: mostly(
      [dailyTotals],
      fc.oneof(
        fc.array(
          fc.record({
            name: fc.oneof(text, fc.constant('daily_totals')),
            contract: mostly(dailyTotals.contract, fc.anything()),
          }),
          { maxLength: 2 },
        ),
        fc.anything(),
      ),
    ),
    capabilities: mostly(
      {
        dbt: {
          repository: 'https://github.com/acme/sales-dbt.git',
          schedule: '0 6 * * *',
        },
      },
      fc.anything(),
    ),
    inputPorts: mostly(
      [{ product: 'web-shop', port: 'orders' }],
      fc.oneof(
        fc.array(fc.record({ product: text, port: text }), { maxLength: 2 }),
        fc.anything(),
      ),
    ),
  },
  { requiredKeys: ['type', 'owner'] },
);

/**
 * How processing one entity went, and what is wrong with it: a refusal must
 * name the field (the catalog shows it as the entity's processing error); an
 * accepted entity must keep its spec and relate only itself.
 */
async function outcomeOf(
  entity: Entity,
): Promise<{ refused: boolean; problems: string[] }> {
  const validated = await processor('meshifi-platform')
    .validateEntityKind(entity)
    .then(
      valid => valid,
      (error: Error) => error,
    );
  if (validated instanceof Error) {
    const clear = /^\/spec\S* must /.test(validated.message);
    return {
      refused: true,
      problems: clear
        ? []
        : [`an unclear refusal: ${validated.name}: ${validated.message}`],
    };
  }
  if (!validated) {
    return { refused: false, problems: ['not recognized as a DataProduct'] };
  }
  const processed = await postProcess(entity).then(
    done => done,
    (error: Error) => error,
  );
  if (processed instanceof Error) {
    return {
      refused: false,
      problems: [`a crash after validation: ${processed.message}`],
    };
  }
  return {
    refused: false,
    problems: [
      ...(JSON.stringify(processed.result.spec) === JSON.stringify(entity.spec)
        ? []
        : ['a changed spec']),
      ...relationLines(processed.emitted)
        .filter(line => !line.split(' ').includes(self))
        .map(line => `a relation without the product: ${line}`),
    ],
  };
}

describe('MeshifiEntityProcessor with hostile entities', () => {
  it('refuses with a message naming the field, or accepts and relates only the product', async () => {
    const runs = 2_000;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(hostileSpec, async spec => {
        const outcome = await outcomeOf({
          ...productEntity(),
          spec: spec as Entity['spec'],
        });
        refused += outcome.refused ? 1 : 0;
        expect(outcome.problems).toEqual([]);
      }),
      { numRuns: runs },
    );
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(runs);
  });
});
