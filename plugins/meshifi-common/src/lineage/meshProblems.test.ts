import fc from 'fast-check';
import { dataProductManifest } from '../model/manifests';
import { DataProduct, DataProductSpec, InputPort } from '../model/types';
import { meshProblems } from './meshProblems';

const table = (name: string) => ({
  name,
  contract: { columns: [{ name: 'id', type: 'STRING' as const }] },
});

/** A product of a domain offering `ports` and reading `reads` (product.port). */
const product = (
  name: string,
  options: {
    domain?: string;
    ports?: string[];
    reads?: string[];
    spec?: Partial<DataProductSpec>;
  } = {},
): DataProduct =>
  dataProductManifest({
    info: { name, version: '1.0.0' },
    access: { owners: ['ana@example.com'] },
    domain: options.domain ?? 'sales',
    outputPorts: (options.ports ?? ['main']).map(table),
    inputPorts: (options.reads ?? []).map(read => {
      const [source, port] = read.split('.');
      return { product: source, port };
    }),
    ...options.spec,
  });

const loopsOf = <T extends { message: string }>(problems: T[]) =>
  problems.filter(p => p.message.includes('makes a loop'));

describe('meshProblems', () => {
  const customers = product('customers', {
    domain: 'crm',
    ports: ['customers', 'addresses'],
  });

  it('finds nothing wrong with a product reading tables that exist', () => {
    const orders = product('orders', {
      reads: ['customers.customers', 'customers.addresses'],
    });
    expect(meshProblems(orders, [customers, orders])).toEqual([]);
  });

  it('refuses an input from a product that does not exist', () => {
    const orders = product('orders', { reads: ['clients.customers'] });
    expect(meshProblems(orders, [customers])).toEqual([
      {
        path: 'spec.inputPorts.0.product',
        message: expect.stringContaining('"clients"'),
      },
    ]);
  });

  it('refuses a table the product does not offer, listing those it offers', () => {
    const orders = product('orders', { reads: ['customers.people'] });
    const problems = meshProblems(orders, [customers]);
    expect(problems).toEqual([
      {
        path: 'spec.inputPorts.0.port',
        message: expect.stringContaining('"people"'),
      },
    ]);
    expect(problems[0].message).toContain('"customers", "addresses"');
  });

  it('says so when the product read offers no tables yet', () => {
    const empty = product('customers', { ports: [] });
    const orders = product('orders', { reads: ['customers.customers'] });
    expect(meshProblems(orders, [empty])[0].message).toContain(
      'offers no tables yet',
    );
  });

  it('refuses an input from a retired product, and accepts a deprecated one', () => {
    const orders = product('orders', { reads: ['customers.customers'] });
    const retired = product('customers', {
      ports: ['customers'],
      spec: { status: 'retired' },
    });
    expect(meshProblems(orders, [retired])).toEqual([
      {
        path: 'spec.inputPorts.0.product',
        message: expect.stringContaining('retired'),
      },
    ]);
    const deprecated = product('customers', {
      ports: ['customers'],
      spec: {
        status: 'deprecated',
        deprecation: { date: '2027-06-30', reason: 'Moving to crm-v2.' },
      },
    });
    expect(meshProblems(orders, [deprecated])).toEqual([]);
  });

  it('refuses a loop of two products of different domains, naming the way round', () => {
    const a = product('orders', { reads: ['invoices.main'] });
    const b = product('invoices', {
      domain: 'finance',
      reads: ['orders.main'],
    });
    expect(meshProblems(a, [a, b])).toEqual([
      {
        path: 'spec.inputPorts.0',
        message: expect.stringContaining(
          '"orders" reads "invoices" reads "orders"',
        ),
      },
    ]);
  });

  it('refuses a loop of three products across domains', () => {
    const a = product('orders', { reads: ['invoices.main'] });
    const b = product('invoices', {
      domain: 'finance',
      reads: ['payments.main'],
    });
    const c = product('payments', {
      domain: 'treasury',
      reads: ['orders.main'],
    });
    const [loop, ...rest] = loopsOf(meshProblems(a, [a, b, c]));
    expect(rest).toEqual([]);
    expect(loop.message).toContain(
      '"orders" reads "invoices" reads "payments" reads "orders"',
    );
  });

  it('judges the product as given, not its older copy in the mesh', () => {
    const before = product('orders');
    const invoices = product('invoices', { reads: ['orders.main'] });
    const after = product('orders', { reads: ['invoices.main'] });
    expect(meshProblems(before, [before, invoices])).toEqual([]);
    expect(loopsOf(meshProblems(after, [before, invoices]))).toHaveLength(1);
  });

  it('does not report, nor hang on, a loop the product is not part of', () => {
    const a = product('a', { reads: ['b.main'] });
    const b = product('b', { reads: ['c.main'] });
    const c = product('c', { reads: ['b.main'] });
    expect(meshProblems(a, [a, b, c])).toEqual([]);
  });

  it('refuses retiring a product others read, naming them once each', () => {
    const retiring = product('customers', {
      ports: ['customers', 'addresses'],
      spec: { status: 'retired' },
    });
    const orders = product('orders', {
      reads: ['customers.customers', 'customers.addresses'],
    });
    const invoices = product('invoices', {
      domain: 'finance',
      reads: ['customers.customers'],
    });
    const problems = meshProblems(retiring, [retiring, orders, invoices]);
    expect(problems).toEqual([
      {
        path: 'spec.status',
        message: expect.stringContaining('"orders", "invoices"'),
      },
    ]);
  });

  it('lets a product retire once its only readers are retired', () => {
    const retiring = product('customers', { spec: { status: 'retired' } });
    const reader = product('orders', {
      reads: ['customers.main'],
      spec: { status: 'retired' },
    });
    expect(meshProblems(retiring, [reader])).toEqual([]);
  });

  it('refuses removing a table others read, and allows removing one no one reads', () => {
    const orders = product('orders', { reads: ['customers.customers'] });
    const withoutRead = product('customers', { ports: ['addresses'] });
    expect(meshProblems(withoutRead, [customers, orders])).toEqual([
      {
        path: 'spec.outputPorts',
        message: expect.stringContaining('"customers"'),
      },
    ]);
    const withoutUnread = product('customers', { ports: ['customers'] });
    expect(meshProblems(withoutUnread, [customers, orders])).toEqual([]);
  });

  it("holds the product back for no table a reader names that it never offered: that is the reader's problem", () => {
    const reader = product('orders', { reads: ['customers.people'] });
    const changed = product('customers', {
      ports: ['customers', 'addresses', 'regions'],
    });
    expect(meshProblems(changed, [customers, reader])).toEqual([]);
    expect(meshProblems(reader, [customers, reader])).toEqual([
      {
        path: 'spec.inputPorts.0.port',
        message: expect.stringContaining('"people"'),
      },
    ]);
  });

  it('refuses a replacement that does not exist, and accepts one that does', () => {
    const deprecated = (replacedBy: string) =>
      product('customers', {
        spec: {
          status: 'deprecated',
          deprecation: { date: '2027-06-30', replacedBy },
        },
      });
    expect(meshProblems(deprecated('crm-customers'), [customers])).toEqual([
      {
        path: 'spec.deprecation.replacedBy',
        message: expect.stringContaining('"crm-customers"'),
      },
    ]);
    const replacement = product('crm-customers', { domain: 'crm' });
    expect(
      meshProblems(deprecated('crm-customers'), [customers, replacement]),
    ).toEqual([]);
  });
});

describe('meshProblems on random lineage', () => {
  /**
   * A mesh whose product i reads only products of a lower index: a DAG,
   * since every input goes down.
   */
  const dag = fc
    .integer({ min: 2, max: 9 })
    .chain(size =>
      fc.tuple(
        fc.constant(size),
        fc.array(fc.tuple(fc.nat(size - 1), fc.nat(size - 1)), {
          maxLength: size * 3,
        }),
      ),
    )
    .map(([size, pairs]) => {
      const reads: InputPort[][] = Array.from({ length: size }, () => []);
      for (const [x, y] of pairs) {
        const [reader, read] = x > y ? [x, y] : [y, x];
        if (
          reader !== read &&
          !reads[reader].some(input => input.product === `p${read}`)
        ) {
          reads[reader].push({ product: `p${read}`, port: 'main' });
        }
      }
      return reads.map((inputs, index) =>
        product(`p${index}`, {
          domain: `d${index % 3}`,
          reads: inputs.map(input => `${input.product}.${input.port}`),
        }),
      );
    });

  /** Which products each product reads, directly or through others. */
  const reachable = (mesh: DataProduct[]) => {
    const inputs = (p: DataProduct) =>
      (p.spec.inputPorts ?? []).map(i => Number(i.product.slice(1)));
    const reach = mesh.map(() => new Set<number>());
    mesh.forEach((p, index) => {
      for (const input of inputs(p)) {
        reach[index].add(input);
        reach[input].forEach(further => reach[index].add(further));
      }
    });
    return reach;
  };

  it('reports no problem on a DAG', () => {
    fc.assert(
      fc.property(dag, mesh => {
        for (const p of mesh) {
          expect(meshProblems(p, mesh)).toEqual([]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reports a loop, once, when a product reads one that reads it', () => {
    const withBackEdge = dag
      .map(mesh => ({ mesh, reach: reachable(mesh) }))
      .filter(({ reach }) => reach.some(set => set.size > 0))
      .chain(({ mesh, reach }) => {
        const pairs = reach.flatMap((set, reader) =>
          [...set].map(read => [reader, read] as const),
        );
        return fc.tuple(fc.constant(mesh), fc.constantFrom(...pairs));
      });
    fc.assert(
      fc.property(withBackEdge, ([mesh, [reader, read]]) => {
        const back = product(`p${read}`, {
          domain: `d${read % 3}`,
          reads: [
            ...(mesh[read].spec.inputPorts ?? []).map(
              i => `${i.product}.${i.port}`,
            ),
            `p${reader}.main`,
          ],
        });
        const loops = loopsOf(meshProblems(back, mesh));
        expect(loops).toHaveLength(1);
        expect(loops[0].path).toBe(
          `spec.inputPorts.${back.spec.inputPorts!.length - 1}`,
        );
        expect(loops[0].message).toMatch(
          new RegExp(
            `^Reading "main" of "p${reader}" makes a loop: "p${read}" reads .*"p${read}"\\.`,
          ),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
