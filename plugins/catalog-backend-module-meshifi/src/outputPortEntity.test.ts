/*
 * An output port as the catalog gets it: an API entity made with its product
 * by manifestToEntities, as both providers and the YAML parser call it.
 */
import {
  apiEntityV1alpha1Validator,
  Entity,
  makeValidator,
} from '@backstage/catalog-model';
import {
  BIGQUERY_COLUMN_TYPES,
  DataProduct,
  odcsYamlOf,
  OutputPort,
  outputPortEntityName,
  PORT_NAME_PATTERN,
} from '@meshifi/common';
import fc from 'fast-check';
import { parse } from 'yaml';
import {
  dailyTotals,
  ordersByCustomer,
  productWithPorts,
} from './__testUtils__/productsWithPorts';
import { manifestToEntities } from './manifestToEntities';
import { PERSONAL_DATA_TAG } from './outputPortEntity';

const validator = makeValidator();

function entitiesOf(product: DataProduct, options = {}): Entity[] {
  const result = manifestToEntities(product, options);
  if (!result.ok) {
    throw new Error(result.message);
  }
  return result.entities;
}

const apisIn = (entities: Entity[]) => entities.filter(e => e.kind === 'API');

describe('output port entities', () => {
  const orders = productWithPorts('customer-orders', {
    title: 'Customer orders',
    status: 'proposed',
    outputPorts: [ordersByCustomer, dailyTotals],
  });

  it('makes each output port a data-contract API entity of its product, with its ODCS contract as definition', async () => {
    const [product, ...rest] = entitiesOf(orders);
    const apis = apisIn(rest);
    expect(apis.map(api => api.metadata.name)).toEqual([
      outputPortEntityName('customer-orders', 'orders_by_customer'),
      outputPortEntityName('customer-orders', 'daily_totals'),
    ]);
    for (const [api, port] of apis.map(
      (a, i) => [a, orders.spec.outputPorts![i]] as const,
    )) {
      await expect(apiEntityV1alpha1Validator.check(api)).resolves.toBe(true);
      expect(api.metadata.namespace).toBe('default');
      expect(api.spec).toEqual({
        type: 'data-contract',
        lifecycle: product.spec?.lifecycle,
        owner: product.spec?.owner,
        definition: odcsYamlOf(orders, port),
      });
      expect(api.metadata.title).toContain(port.name);
      expect(api.metadata.title).toContain('Customer orders');
      const contract = parse(api.spec?.definition as string);
      expect(contract).toMatchObject({ kind: 'DataContract' });
      for (const column of port.contract.columns) {
        expect(api.spec?.definition).toContain(column.name);
      }
    }
    expect(apis[0].metadata.description).toBe(ordersByCustomer.description);
    // A port without a description is described by its table and product.
    expect(apis[1].metadata.description).toMatch(
      /daily_totals.*customer-orders/,
    );
  });

  it('has no system, as its product has none', () => {
    for (const api of apisIn(entitiesOf(orders))) {
      expect(api.spec).not.toHaveProperty('system');
    }
  });

  it('names its product and port in annotations, with the shared ones but not those of the product’s file', () => {
    const apis = apisIn(
      entitiesOf(orders, {
        annotations: {
          'backstage.io/managed-by-location': 'url:x/orders.yaml',
        },
        manifestAnnotations: { 'meshifi.io/gitops-path': 'orders.yaml' },
      }),
    );
    expect(apis.map(api => api.metadata.annotations)).toEqual(
      orders.spec.outputPorts!.map(port => ({
        'backstage.io/managed-by-location': 'url:x/orders.yaml',
        'meshifi.io/data-product': 'customer-orders',
        'meshifi.io/output-port': port.name,
      })),
    );
  });

  it('tags a port personal-data only when one of its columns holds personal data', () => {
    const [withPersonal, without] = apisIn(entitiesOf(orders));
    expect(withPersonal.metadata.tags).toContain(PERSONAL_DATA_TAG);
    expect(without.metadata.tags).not.toContain(PERSONAL_DATA_TAG);
    for (const api of [withPersonal, without]) {
      expect(api.metadata.tags).toEqual(
        expect.arrayContaining(['bigquery', 'sales']),
      );
      for (const tag of api.metadata.tags ?? []) {
        expect(validator.isValidTag(tag)).toBe(true);
      }
    }
    const unmarked = productWithPorts('customer-orders', {
      outputPorts: [
        {
          ...ordersByCustomer,
          contract: {
            columns: ordersByCustomer.contract.columns.map(column => ({
              ...column,
              personalData: false,
            })),
          },
        },
      ],
    });
    expect(apisIn(entitiesOf(unmarked))[0].metadata.tags).not.toContain(
      PERSONAL_DATA_TAG,
    );
  });

  it('gives a port of a long product and a long table a name the catalog accepts, and each port its own', () => {
    const product = 'p'.repeat(63);
    const ports = [`${'a'.repeat(62)}b`, `${'a'.repeat(62)}c`];
    const long = productWithPorts(product, {
      outputPorts: ports.map(name => ({ ...dailyTotals, name })),
    });
    const names = apisIn(entitiesOf(long)).map(api => api.metadata.name);
    expect(names).toEqual(
      ports.map(port => outputPortEntityName(product, port)),
    );
    expect(new Set(names).size).toBe(2);
    for (const name of names) {
      expect(validator.isValidEntityName(name)).toBe(true);
    }
  });

  it('carries status, deprecation and both kinds of port into the product’s spec', () => {
    const deprecated = productWithPorts('customer-orders', {
      status: 'deprecated',
      deprecation: { date: '2027-06-30', replacedBy: 'orders-v2' },
      outputPorts: [dailyTotals],
      inputPorts: [{ product: 'web-shop-orders', port: 'orders' }],
    });
    const [product, ...rest] = entitiesOf(deprecated);
    expect(product.spec).toMatchObject({
      lifecycle: 'deprecated',
      status: 'deprecated',
      deprecation: deprecated.spec.deprecation,
      outputPorts: deprecated.spec.outputPorts,
      inputPorts: deprecated.spec.inputPorts,
    });
    expect(apisIn(rest).map(api => api.spec?.lifecycle)).toEqual([
      'deprecated',
    ]);
  });

  it('makes no API entity for a product without output ports, and leaves its spec without ports', () => {
    const [product, ...rest] = entitiesOf(productWithPorts('customer-orders'));
    expect(apisIn(rest)).toEqual([]);
    expect(product.spec).not.toHaveProperty('outputPorts');
    expect(product.spec).not.toHaveProperty('inputPorts');
    expect(product.spec).not.toHaveProperty('status');
  });

  it('refuses a product whose ports break the contract rules, saying what to fix', () => {
    const cases: Array<[string, Partial<DataProduct['spec']>]> = [
      ['offered twice', { outputPorts: [dailyTotals, dailyTotals] }],
      [
        'lower-case letters, digits and single underscores',
        { outputPorts: [{ ...dailyTotals, name: 'Daily-Totals' }] },
      ],
      [
        'does not have',
        {
          outputPorts: [
            {
              ...dailyTotals,
              contract: { ...dailyTotals.contract, primaryKey: ['nope'] },
            },
          ],
        },
      ],
      [
        'cannot read its own table',
        { inputPorts: [{ product: 'customer-orders', port: 'daily_totals' }] },
      ],
    ];
    for (const [words, spec] of cases) {
      const result = manifestToEntities(
        productWithPorts('customer-orders', spec),
      );
      expect(result).toEqual({
        ok: false,
        message: expect.stringContaining(words),
      });
    }
  });
});

/** Text a hand-edited GitOps file could hold where a name goes. */
const hostileText = fc.oneof(
  fc.stringMatching(new RegExp(PORT_NAME_PATTERN)),
  fc.string({ maxLength: 80 }),
  fc.constantFrom('', '..', 'a.b', 'x'.repeat(300), 'orders_by_day'),
);
const hostileColumn = fc.oneof(
  fc.record(
    {
      name: hostileText,
      type: fc.oneof(
        fc.constantFrom(...BIGQUERY_COLUMN_TYPES),
        fc.string({ maxLength: 10 }),
      ),
      personalData: fc.oneof(fc.boolean(), fc.anything()),
      description: fc.oneof(fc.string({ maxLength: 40 }), fc.anything()),
    },
    { requiredKeys: ['name', 'type'] },
  ),
  fc.anything(),
);
const hostilePort = fc.oneof(
  {
    arbitrary: fc.record(
      {
        name: hostileText,
        description: fc.oneof(fc.string({ maxLength: 40 }), fc.anything()),
        contract: fc.oneof(
          {
            arbitrary: fc.record({
              columns: fc.array(hostileColumn, { maxLength: 4 }),
            }),
            weight: 4,
          },
          { arbitrary: fc.anything(), weight: 1 },
        ),
      },
      { requiredKeys: ['name', 'contract'] },
    ),
    weight: 4,
  },
  { arbitrary: fc.anything(), weight: 1 },
);
const hostilePorts = fc.record(
  {
    outputPorts: fc.oneof(
      { arbitrary: fc.array(hostilePort, { maxLength: 3 }), weight: 4 },
      { arbitrary: fc.anything(), weight: 1 },
    ),
    inputPorts: fc.oneof(
      fc.array(fc.record({ product: hostileText, port: hostileText }), {
        maxLength: 3,
      }),
      fc.anything(),
    ),
    status: fc.oneof(
      fc.constantFrom('proposed', 'active', 'retired'),
      fc.anything(),
    ),
  },
  { requiredKeys: [] },
);

/**
 * What is wrong with what a manifest gave, if anything: a refusal must say
 * something; an accepted manifest must give one valid API entity per port.
 */
async function outcomeOf(
  manifest: DataProduct,
): Promise<{ accepted: boolean; problems: string[] }> {
  const result = manifestToEntities(manifest);
  if (!result.ok) {
    return {
      accepted: false,
      problems: result.message.trim() ? [] : ['a refusal without words'],
    };
  }
  const ports = (manifest.spec.outputPorts as OutputPort[] | undefined) ?? [];
  const apis = apisIn(result.entities);
  const problems =
    apis.length === ports.length
      ? []
      : [`${apis.length} API entities for ${ports.length} ports`];
  for (const api of apis) {
    const valid = await apiEntityV1alpha1Validator
      .check(api)
      .catch((error: Error) => error.message);
    if (valid !== true) {
      problems.push(`an invalid API entity: ${valid}`);
    }
    if (!validator.isValidEntityName(api.metadata.name)) {
      problems.push(`an invalid entity name: ${api.metadata.name}`);
    }
  }
  return { accepted: true, problems };
}

describe('output port entities from hostile manifests', () => {
  it('never throws: a manifest is refused with words, or each of its ports is a valid API entity', async () => {
    const runs = 1_000;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(hostilePorts, async ports => {
        const outcome = await outcomeOf(
          productWithPorts('customer-orders', ports as any),
        );
        accepted += outcome.accepted ? 1 : 0;
        expect(outcome.problems).toEqual([]);
      }),
      { numRuns: runs },
    );
    // Both outcomes happen: the property says something about each.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(runs);
  });
});
