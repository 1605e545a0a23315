import { Entity } from '@backstage/catalog-model';
import {
  AccessConsumer,
  dataAccessManifest,
  dataProductManifest,
  MESHIFI_ANNOTATIONS,
} from '@meshifi/common';
import { manifestToEntities } from './manifestToEntities';
import {
  consumerRefOf,
  productConsumers,
  withConsumers,
} from './productConsumers';

const grant = (
  consumer: AccessConsumer,
  options: { product?: string; namespace?: string; expires?: string } = {},
) =>
  dataAccessManifest('g', options.namespace ?? 'sales', {
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

const productEntities = (domain?: string): Entity[] => {
  const converted = manifestToEntities(
    dataProductManifest({
      info: { name: 'orders', version: '1.0.0' },
      access: { owners: ['ana@example.com'] },
      ...(domain ? { domain } : {}),
    }),
    { defaultOwner: 'group:default/sales' },
  );
  if (!converted.ok) {
    throw new Error(converted.message);
  }
  return converted.entities;
};

/** The last instant of 31 March 2027 in UTC, and the first of 1 April. */
const LAST_MOMENT = new Date('2027-03-31T23:59:59.999Z');
const ENDED = new Date('2027-04-01T00:00:00.000Z');

describe('consumerRefOf', () => {
  it.each<[AccessConsumer, string | undefined]>([
    [marketing, 'group:default/marketing'],
    [{ ...marketing, entityRef: 'marketing' }, 'group:default/marketing'],
    [
      { type: 'user', email: 'bo@example.com', entityRef: 'ops/bo' },
      'user:ops/bo',
    ],
    [
      {
        type: 'serviceAccount',
        email: 'dp-ledger@acme.iam.gserviceaccount.com',
        entityRef: 'dataproduct:default/ledger',
      },
      'dataproduct:default/ledger',
    ],
    [
      {
        type: 'serviceAccount',
        email: 'dp-ledger@acme.iam.gserviceaccount.com',
        entityRef: 'ledger',
      },
      'dataproduct:default/ledger',
    ],
    [{ type: 'group', email: 'marketing@example.com' }, undefined],
    [{ ...marketing, entityRef: 'group:' }, undefined],
  ])('reads %j as %s', (consumer, ref) => {
    expect(consumerRefOf(grant(consumer))).toBe(ref);
  });
});

describe('productConsumers', () => {
  it('gives each product its consumers until the end of their last day (UTC), each once, sorted', () => {
    const grants = [
      grant({ ...marketing, entityRef: 'group:default/sales-ops' }),
      grant(marketing),
      grant(marketing, { expires: '2027-06-30' }),
      grant({ type: 'user', email: 'ana@example.com' }),
      grant(marketing, { product: 'invoices', expires: '2027-01-31' }),
    ];
    expect(productConsumers(grants, LAST_MOMENT)).toEqual({
      byProduct: new Map([
        [
          'sales/orders',
          ['group:default/marketing', 'group:default/sales-ops'],
        ],
      ]),
      nextEnd: ENDED,
    });
    expect(productConsumers(grants, ENDED)).toEqual({
      byProduct: new Map([['sales/orders', ['group:default/marketing']]]),
      nextEnd: new Date('2027-07-01T00:00:00Z'),
    });
    expect(productConsumers(grants, new Date('2027-07-01T00:00:00Z'))).toEqual({
      byProduct: new Map(),
    });
  });

  it('keys a grant without a namespace as one of the products of no domain', () => {
    const namespaceless = grant(marketing, { namespace: 'default' });
    delete namespaceless.metadata.namespace;
    expect([
      ...productConsumers([namespaceless], LAST_MOMENT).byProduct.keys(),
    ]).toEqual(['default/orders']);
  });
});

describe('withConsumers', () => {
  const consumers = productConsumers(
    [grant(marketing), grant(marketing, { namespace: 'default' })],
    LAST_MOMENT,
  );

  it("adds to a product the consumers of its own namespace's grants, and leaves its resources", () => {
    const [product, ...resources] = productEntities('sales');
    expect(withConsumers(product, consumers).spec).toEqual({
      ...product.spec,
      consumers: ['group:default/marketing'],
    });
    for (const resource of resources) {
      expect(withConsumers(resource, consumers)).toBe(resource);
    }
  });

  it('gives nothing to a product of the same name in a namespace without grants', () => {
    const [product] = productEntities('finance');
    expect(withConsumers(product, consumers)).toBe(product);
  });

  it("leaves an entity that carries a file's problem as it is", () => {
    const [product] = productEntities('sales');
    const invalid = {
      ...product,
      metadata: {
        ...product.metadata,
        annotations: {
          ...product.metadata.annotations,
          [MESHIFI_ANNOTATIONS.invalid]: 'broken',
        },
      },
    };
    expect(withConsumers(invalid, consumers)).toBe(invalid);
  });
});
