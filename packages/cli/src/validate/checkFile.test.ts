import { hasControlCharacter } from '@meshifi/common';
import fc from 'fast-check';
import { stringify } from 'yaml';
import {
  ALIAS_BOMB,
  grantYaml,
  productYaml,
} from '../__testUtils__/gitopsFiles';
import {
  checkManifestFile,
  misplacedFileProblem,
  strayFileProblem,
} from './checkFile';
import { placeOf } from './layout';

describe('placeOf', () => {
  it.each([
    ['domains/sales/domain.yaml', 'manifest'],
    ['domains/sales/products/orders.yaml', 'manifest'],
    ['products/orders.yaml', 'manifest'],
    ['domains/sales/access/marketing-orders.yaml', 'manifest'],
    ['access/marketing-orders.yaml', 'manifest'],
    ['domains/sales/access/old/marketing-orders.yaml', 'misplaced'],
    ['access/marketing-orders.yml', 'misplaced'],
    ['domains/sales/products/orders.yml', 'misplaced'],
    ['domains/sales/notes.txt', 'misplaced'],
    ['domains/sales/products/old/orders.yaml', 'misplaced'],
    ['domains/README.md', 'misplaced'],
    ['README.md', 'other'],
    ['orders.yaml', 'other'],
    ['.github/workflows/meshifi.yaml', 'other'],
  ])('puts %s as %s', (path, place) => {
    expect(placeOf(path)).toBe(place);
  });
});

describe('checkManifestFile', () => {
  it('gives a valid product with its content', () => {
    const content = productYaml('orders');
    expect(
      checkManifestFile('domains/sales/products/orders.yaml', content),
    ).toEqual({
      manifest: {
        path: 'domains/sales/products/orders.yaml',
        manifest: expect.objectContaining({ kind: 'DataProduct' }),
        content,
      },
      problems: [],
    });
  });

  it('gives every problem of a file, each with the file and its line', () => {
    const content = productYaml('orders')
      .replace('ana@example.com', 'not-an-email')
      .replace('1.0.0', 'one');
    const { problems } = checkManifestFile(
      'domains/sales/products/orders.yaml',
      content,
    );
    expect(problems.map(p => [p.rule, p.line])).toEqual([
      ['schema', content.split('\n').findIndex(l => l.includes('one')) + 1],
      [
        'schema',
        content.split('\n').findIndex(l => l.includes('not-an-email')) + 1,
      ],
    ]);
    expect(
      problems.every(p => p.file === 'domains/sales/products/orders.yaml'),
    ).toBe(true);
  });

  it("gives a valid grant in its domain's access folder", () => {
    const content = grantYaml('marketing-orders', 'orders');
    expect(
      checkManifestFile('domains/sales/access/marketing-orders.yaml', content),
    ).toEqual({
      manifest: {
        path: 'domains/sales/access/marketing-orders.yaml',
        manifest: expect.objectContaining({ kind: 'DataAccess' }),
        content,
      },
      problems: [],
    });
  });

  it("refuses a grant in another domain's folder, at its namespace", () => {
    const content = grantYaml('marketing-orders', 'orders');
    expect(
      checkManifestFile('domains/finance/access/marketing-orders.yaml', content)
        .problems,
    ).toEqual([
      {
        file: 'domains/finance/access/marketing-orders.yaml',
        line: content.split('\n').findIndex(l => l.includes('namespace:')) + 1,
        rule: 'path',
        message: expect.stringMatching(
          /whose place is domains\/sales\/access\/marketing-orders\.yaml: move it there/,
        ),
      },
    ]);
  });

  it('refuses an invalid grant, and a product in an access folder', () => {
    const content = grantYaml('marketing-orders', 'orders').replace(
      'type: group',
      'type: robot',
    );
    expect(
      checkManifestFile('domains/sales/access/marketing-orders.yaml', content)
        .problems,
    ).toEqual([
      expect.objectContaining({
        rule: 'schema',
        line: content.split('\n').findIndex(l => l.includes('robot')) + 1,
        message: expect.stringMatching(/^spec\.consumer\.type: /),
      }),
    ]);
    expect(
      checkManifestFile(
        'domains/sales/access/orders.yaml',
        productYaml('orders'),
      ).problems,
    ).toEqual([
      expect.objectContaining({
        rule: 'kind',
        message: expect.stringMatching(/^must hold one meshifi DataAccess/),
      }),
    ]);
  });

  it('refuses an alias bomb without expanding it', () => {
    expect(
      checkManifestFile('domains/sales/products/bomb.yaml', ALIAS_BOMB)
        .problems,
    ).toEqual([
      {
        file: 'domains/sales/products/bomb.yaml',
        rule: 'yaml',
        message: expect.stringMatching(/^cannot be read: .*alias/i),
      },
    ]);
  });
});

describe('misplacedFileProblem', () => {
  it('says where manifests go, from the path alone', () => {
    expect(misplacedFileProblem('domains/sales/products/orders.yml')).toEqual({
      file: 'domains/sales/products/orders.yml',
      rule: 'layout',
      message: expect.stringMatching(/^is not where meshifi keeps manifests/),
    });
  });
});

describe('strayFileProblem', () => {
  it('finds a manifest in a file meshifi never reads, at its apiVersion', () => {
    expect(
      strayFileProblem(
        'orders.yaml',
        `# an old copy\n${productYaml('orders')}`,
      ),
    ).toEqual({
      file: 'orders.yaml',
      line: 2,
      rule: 'layout',
      message: expect.stringMatching(/^holds a meshifi manifest/),
    });
  });

  it('leaves other YAML alone', () => {
    expect(
      strayFileProblem('.github/workflows/ci.yaml', 'on: push\njobs: {}\n'),
    ).toBeUndefined();
  });
});

/** Text that a hostile or careless author could put in a file or a name. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '../../etc/passwd',
    'sales\nkind: Secret',
    '*a',
    '&a [*a, *a]',
    'kube-system',
    'default',
    '\u0000',
    '\u202eorders',
    '{{ x }}',
    "'; DROP TABLE x; --",
    'x'.repeat(300),
  ),
);

/** A product file, then some of its values replaced by hostile ones. */
const hostileProduct = fc
  .record({
    name: fc.oneof(fc.constant('orders'), hostileText),
    domain: fc.oneof(fc.constant('sales'), hostileText),
    owner: fc.oneof(fc.constant('ana@example.com'), hostileText),
  })
  .map(({ name, domain, owner }) =>
    productYaml('orders')
      .replace(/name: orders/g, `name: ${JSON.stringify(name)}`)
      .replace('domain: sales', `domain: ${JSON.stringify(domain)}`)
      .replace('ana@example.com', JSON.stringify(owner)),
  );

const hostileContent = fc.oneof(
  hostileProduct,
  fc.anything().map(value => stringify(value) ?? ''),
  hostileText,
  fc.constant(ALIAS_BOMB),
  fc
    .array(hostileProduct, { minLength: 2, maxLength: 3 })
    .map(docs => docs.join('---\n')),
);

const hostilePath = fc.oneof(
  fc.constantFrom(
    'domains/sales/products/orders.yaml',
    'domains/aaa/products/orders.yaml',
    'domains/sales/domain.yaml',
    'products/orders.yaml',
  ),
  fc
    .tuple(hostileText, hostileText)
    .map(([domain, name]) => `domains/${domain}/products/${name}.yaml`),
);

describe('checkManifestFile with hostile input', () => {
  it('never throws; every problem is one line, names its file and a line of it; a manifest is at its place', () => {
    let runs = 0;
    fc.assert(
      fc.property(hostilePath, hostileContent, (path, content) => {
        runs++;
        const checked = checkManifestFile(path, content);
        const lines = content.split(/\r\n|\r|\n/).length;
        const wrong = checked.problems.filter(
          p =>
            hasControlCharacter(p.message) ||
            hasControlCharacter(p.file) ||
            p.message.length === 0 ||
            (p.line !== undefined && (p.line < 1 || p.line > lines + 1)),
        );
        return checked.manifest
          ? checked.problems.length === 0 && checked.manifest.path === path
          : checked.problems.length > 0 && wrong.length === 0;
      }),
      { numRuns: 5_000 },
    );
    expect(runs).toBeGreaterThanOrEqual(5_000);
  });
});
