import { Entity } from '@backstage/catalog-model';
import {
  domainRefOf,
  groupByDomain,
  isOwnedBy,
  matchesSearch,
  NO_DOMAIN_TITLE,
  ownerRefsOf,
} from './dataMesh';
import {
  customerOrders,
  finance,
  ledger,
  revenueDaily,
  sales,
  scratch,
} from './testData';

/** A product as it is before the catalog has processed it: no relations. */
const unprocessed = (entity: Entity): Entity => ({
  ...entity,
  relations: undefined,
});

describe('groupByDomain', () => {
  it('groups products by domain, domains and products by title, the domainless last', () => {
    const groups = groupByDomain(
      [scratch, revenueDaily, ledger, customerOrders],
      [sales, finance],
    );
    expect(
      groups.map(g => [g.title, g.products.map(p => p.metadata.name)]),
    ).toEqual([
      ['Finance', ['ledger']],
      ['Sales', ['customer-orders', 'revenue-daily']],
      [NO_DOMAIN_TITLE, ['scratch']],
    ]);
    expect(groups[1].domain).toBe(sales);
    expect(groups[2].domainRef).toBeUndefined();
  });

  it('names a domain the catalog does not have by its name, and lists no empty domains', () => {
    const groups = groupByDomain([ledger], [sales]);
    expect(groups.map(g => [g.title, g.domain])).toEqual([
      ['finance', undefined],
    ]);
  });
});

describe('domainRefOf', () => {
  it('follows the partOf relation, or the spec before the catalog has processed the product', () => {
    expect(domainRefOf(customerOrders)).toBe('domain:default/sales');
    expect(domainRefOf(unprocessed(customerOrders))).toBe(
      'domain:default/sales',
    );
    expect(domainRefOf(unprocessed(scratch))).toBeUndefined();
  });
});

describe('isOwnedBy', () => {
  it('is true when the user or one of their groups owns the product', () => {
    expect(
      isOwnedBy(customerOrders, [
        'user:development/guest',
        'group:default/sales-analytics',
      ]),
    ).toBe(true);
    expect(isOwnedBy(ledger, ['group:default/sales-analytics'])).toBe(false);
    expect(isOwnedBy(scratch, ['User:default/Ana'])).toBe(true);
    expect(isOwnedBy(scratch, [])).toBe(false);
  });

  it('reads a bare spec.owner as a group before the catalog has processed the product', () => {
    const bare = unprocessed({
      ...ledger,
      spec: { ...ledger.spec, owner: 'finance' },
    });
    expect(ownerRefsOf(bare)).toEqual(['group:default/finance']);
    expect(isOwnedBy(bare, ['group:default/finance'])).toBe(true);
  });
});

describe('matchesSearch', () => {
  it('looks in the name, title and description, ignoring case', () => {
    expect(matchesSearch(customerOrders, 'CUSTOMER-ord')).toBe(true);
    expect(matchesSearch(revenueDaily, 'daily')).toBe(true);
    expect(matchesSearch(revenueDaily, 'per day and country')).toBe(true);
    expect(matchesSearch(revenueDaily, 'ledger')).toBe(false);
    expect(matchesSearch(revenueDaily, '   ')).toBe(true);
  });
});
