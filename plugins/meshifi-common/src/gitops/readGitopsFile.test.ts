import fc from 'fast-check';
import { stringify } from 'yaml';
import {
  dataAccessManifest,
  dataDomainManifest,
  dataProductManifest,
} from '../model/manifests';
import { DataAccess, DataProduct } from '../model/types';
import { validateDataAccess } from '../validation/validateDataAccess';
import { validateDataDomain } from '../validation/validateDataDomain';
import { validateDataProduct } from '../validation/validateDataProduct';
import { GITOPS_FILE_LIMITS } from './gitopsFileLimits';
import { gitopsPath } from './paths';
import {
  GitopsFile,
  hasControlCharacter,
  readGitopsFile,
} from './readGitopsFile';

const product = (domain = 'sales', name = 'orders'): DataProduct =>
  dataProductManifest({
    info: { name, version: '1.0.0' },
    access: { owners: ['ana@example.com'] },
    domain,
  });

const grant = (namespace = 'sales', name = 'marketing-orders'): DataAccess =>
  dataAccessManifest(name, namespace, {
    product: 'orders',
    consumer: {
      type: 'group',
      email: 'marketing@example.com',
      entityRef: 'group:default/marketing',
    },
    layer: 'curated',
    level: 'read',
    purpose: 'Weekly campaign reporting on orders.',
    expires: '2027-03-31',
  });

const messageOf = (path: string, content: string) => {
  const read = readGitopsFile(path, content);
  if (read.ok) {
    throw new Error(`expected ${path} to be refused`);
  }
  return read.message;
};

/** A YAML "billion laughs": nine levels of nine aliases each. */
function aliasBomb(): string {
  const lines = ['a0: &a0 "lol"'];
  for (let level = 1; level <= 9; level++) {
    const refs = Array(9)
      .fill(`*a${level - 1}`)
      .join(', ');
    lines.push(`a${level}: &a${level} [${refs}]`);
  }
  return lines.join('\n');
}

describe('readGitopsFile', () => {
  it('reads a product at its place', () => {
    const manifest = product();
    expect(
      readGitopsFile('domains/sales/products/orders.yaml', stringify(manifest)),
    ).toEqual({
      ok: true,
      path: 'domains/sales/products/orders.yaml',
      manifest,
    });
  });

  it('reads a domain at its place', () => {
    const domain = dataDomainManifest('sales', {
      owner: 'group:default/sales-analytics',
      gcpProject: 'acme-sales-data',
    });
    const read = readGitopsFile('domains/sales/domain.yaml', stringify(domain));
    expect(read.ok).toBe(true);
  });

  it('refuses a product whose path names another domain than its content', () => {
    // domains/aaa sorts before domains/sales: it must not shadow the real one.
    expect(
      messageOf('domains/aaa/products/orders.yaml', stringify(product())),
    ).toBe(
      'domains/aaa/products/orders.yaml holds DataProduct "orders", whose place is domains/sales/products/orders.yaml: move it there, or fix its content.',
    );
  });

  it('refuses a product whose file name is not its name', () => {
    expect(
      messageOf('domains/sales/products/invoices.yaml', stringify(product())),
    ).toMatch(/whose place is domains\/sales\/products\/orders\.yaml/);
  });

  it('refuses a product whose namespace is not its domain', () => {
    const manifest = product();
    manifest.metadata.namespace = 'finance';
    expect(
      messageOf('domains/sales/products/orders.yaml', stringify(manifest)),
    ).toMatch(/metadata\.namespace \("finance"\) must be the product's domain/);
  });

  it('refuses a domain named like a namespace of the platform', () => {
    const domain = dataDomainManifest('kube-system', {
      owner: 'group:default/x',
      gcpProject: 'acme-sales-data',
    });
    expect(
      messageOf('domains/kube-system/domain.yaml', stringify(domain)),
    ).toMatch(/reserved for the platform's own components/);
  });

  it("reads a grant at its domain's access folder", () => {
    const manifest = grant();
    expect(
      readGitopsFile(
        'domains/sales/access/marketing-orders.yaml',
        stringify(manifest),
      ),
    ).toEqual({
      ok: true,
      path: 'domains/sales/access/marketing-orders.yaml',
      manifest,
    });
  });

  it('reads a grant on a product of no domain at access/', () => {
    const manifest = grant('default');
    expect(
      readGitopsFile('access/marketing-orders.yaml', stringify(manifest)),
    ).toMatchObject({ ok: true, manifest });
  });

  it('refuses a grant whose folder names another domain than its namespace', () => {
    expect(
      messageOf(
        'domains/finance/access/marketing-orders.yaml',
        stringify(grant()),
      ),
    ).toBe(
      'domains/finance/access/marketing-orders.yaml holds the grant (DataAccess) "marketing-orders" of the domain "sales" (its metadata.namespace), whose place is domains/sales/access/marketing-orders.yaml: move it there, or fix its content.',
    );
  });

  it('refuses a grant of a domain in the access folder of no domain, and the other way round', () => {
    expect(
      messageOf('access/marketing-orders.yaml', stringify(grant())),
    ).toMatch(/whose place is domains\/sales\/access\/marketing-orders\.yaml/);
    expect(
      messageOf(
        'domains/sales/access/marketing-orders.yaml',
        stringify(grant('default')),
      ),
    ).toBe(
      'domains/sales/access/marketing-orders.yaml holds the grant (DataAccess) "marketing-orders" of a product of no domain (namespace default), whose place is access/marketing-orders.yaml: move it there, or fix its content.',
    );
  });

  it('refuses a grant whose file name is not its name', () => {
    expect(
      messageOf('domains/sales/access/other.yaml', stringify(grant())),
    ).toMatch(/whose place is domains\/sales\/access\/marketing-orders\.yaml/);
  });

  it('refuses a product or a domain in an access folder, saying a grant belongs there', () => {
    const expected =
      'must hold one meshifi DataAccess (an access grant) (apiVersion meshifi.io/v1alpha1).';
    expect(
      messageOf('domains/sales/access/orders.yaml', stringify(product())),
    ).toBe(`domains/sales/access/orders.yaml ${expected}`);
    expect(
      messageOf(
        'access/sales.yaml',
        stringify(
          dataDomainManifest('sales', {
            owner: 'group:default/sales-analytics',
            gcpProject: 'acme-sales-data',
          }),
        ),
      ),
    ).toBe(`access/sales.yaml ${expected}`);
  });

  it('refuses a grant among the products or as a domain file', () => {
    expect(
      messageOf(
        'domains/sales/products/marketing-orders.yaml',
        stringify(grant()),
      ),
    ).toMatch(/must hold one meshifi DataProduct or DataDomain/);
    expect(messageOf('domains/sales/domain.yaml', stringify(grant()))).toMatch(
      /must hold one meshifi DataProduct or DataDomain/,
    );
  });

  it('refuses an invalid grant with its problems', () => {
    const manifest = grant();
    manifest.spec.consumer.type = 'serviceAccount';
    expect(
      messageOf(
        'domains/sales/access/marketing-orders.yaml',
        stringify(manifest),
      ),
    ).toMatch(
      /spec\.consumer\.email: marketing@example\.com is not a service account's email/,
    );
  });

  it.each([
    [
      'a name no domain can have',
      'Sales',
      /metadata\.namespace: The domain name "Sales" can only use/,
    ],
    [
      'a namespace of the platform',
      'kube-system',
      /metadata\.namespace: The domain name "kube-system" is reserved/,
    ],
  ])('refuses a grant whose namespace is %s', (_what, namespace, message) => {
    const manifest = grant();
    manifest.metadata.namespace = namespace;
    expect(
      messageOf(
        `domains/${namespace}/access/marketing-orders.yaml`,
        stringify(manifest),
      ),
    ).toMatch(message);
  });

  it('refuses an alias bomb without expanding it', () => {
    const started = Date.now();
    expect(
      messageOf('domains/sales/products/orders.yaml', aliasBomb()),
    ).toMatch(/cannot be read: .*alias/i);
    // Expanded, the bomb is 9^9 strings: reading it would not return at all.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a file over the size limit, saying the limit', () => {
    const manifest = product();
    manifest.spec.info.description = 'x'.repeat(GITOPS_FILE_LIMITS.maxBytes);
    expect(
      messageOf('domains/sales/products/orders.yaml', stringify(manifest)),
    ).toMatch(/bytes long; a manifest may have at most 262144/);
  });

  it.each([
    ['a newline', 'domains/sales/products/ord\ners.yaml'],
    ['a NUL', 'domains/sales\u0000/products/orders.yaml'],
    ['an escape', 'domains/sales/products/\u001b[2Jorders.yaml'],
    ['a C1 control', 'domains/sales/products/ord\u0085ers.yaml'],
    ['a line separator', 'domains/sales/products/ord\u2028ers.yaml'],
    ['a right-to-left override', 'domains/sales/products/\u202eorders.yaml'],
  ])('refuses a path with %s, and shows it on one line', (_what, path) => {
    const message = messageOf(path, stringify(product()));
    expect(message).toMatch(/has a control character in its name/);
    expect(hasControlCharacter(message)).toBe(false);
  });

  it.each([
    ['no document', ''],
    ['two documents', `${stringify(product())}---\n${stringify(product())}`],
    ['another kind', 'apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n'],
    ['broken YAML', 'spec: [unclosed'],
    ['a list', '- a\n- b\n'],
  ])('refuses %s with its reason', (_what, content) => {
    expect(messageOf('domains/sales/products/orders.yaml', content)).toMatch(
      /^domains\/sales\/products\/orders\.yaml (holds|must hold|is not valid)/,
    );
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
    '{{ x }}',
    "'; DROP TABLE x; --",
    'group:evil@example.com',
    'x'.repeat(300),
  ),
);

/** A valid product, then some of its fields replaced by hostile values. */
const mutatedProduct = fc
  .record({
    name: fc.oneof(fc.constantFrom('orders', 'customer-orders'), hostileText),
    domain: fc.oneof(fc.constantFrom('sales', 'finance'), hostileText),
    namespace: fc.option(fc.oneof(fc.constant('sales'), hostileText)),
    owner: fc.oneof(fc.constant('ana@example.com'), hostileText),
    description: fc.option(hostileText),
  })
  .map(({ name, domain, namespace, owner, description }) => {
    const manifest = product(domain, name) as DataProduct & {
      metadata: { namespace?: string | null };
    };
    manifest.metadata.name = name;
    if (namespace !== null) {
      manifest.metadata.namespace = namespace;
    }
    manifest.spec.access.owners = [owner];
    if (description !== null) {
      manifest.spec.info.description = description;
    }
    return stringify(manifest);
  });

/** A valid grant, then some of its fields replaced by hostile values. */
const mutatedGrant = fc
  .record({
    name: fc.oneof(fc.constantFrom('marketing-orders'), hostileText),
    namespace: fc.option(
      fc.oneof(fc.constantFrom('sales', 'finance', 'default'), hostileText),
    ),
    product: fc.oneof(fc.constant('orders'), hostileText),
    email: fc.oneof(fc.constant('marketing@example.com'), hostileText),
    entityRef: fc.option(hostileText),
  })
  .map(({ name, namespace, product: productName, email, entityRef }) => {
    const manifest = grant() as DataAccess & {
      metadata: { namespace?: string };
    };
    manifest.metadata.name = name;
    if (namespace === null) {
      delete manifest.metadata.namespace;
    } else {
      manifest.metadata.namespace = namespace;
    }
    manifest.spec.product = productName;
    manifest.spec.consumer.email = email;
    if (entityRef !== null) {
      manifest.spec.consumer.entityRef = entityRef;
    }
    return stringify(manifest);
  });

const hostileContent = fc.oneof(
  mutatedProduct,
  mutatedGrant,
  fc.anything().map(value => stringify(value)),
  hostileText,
  fc.constant(aliasBomb()),
  fc
    .array(mutatedProduct, { minLength: 2, maxLength: 3 })
    .map(docs => docs.join('---\n')),
);

const hostilePath = fc.oneof(
  fc.constantFrom(
    'domains/sales/products/orders.yaml',
    'domains/finance/products/orders.yaml',
    'domains/sales/domain.yaml',
    'products/orders.yaml',
    'domains/sales/access/marketing-orders.yaml',
    'domains/finance/access/marketing-orders.yaml',
    'access/marketing-orders.yaml',
  ),
  fc
    .tuple(hostileText, hostileText, fc.constantFrom('products', 'access'))
    .map(
      ([domain, name, folder]) => `domains/${domain}/${folder}/${name}.yaml`,
    ),
);

/** What is wrong with a reader's answer: an accepted manifest must be valid and at its place, a refusal must say why on one line. */
function problemsOf(read: GitopsFile): string[] {
  if (!read.ok) {
    return [
      ...(read.message.length > 0 ? [] : ['an empty message']),
      ...(hasControlCharacter(read.message) ? ['a broken line'] : []),
    ];
  }
  const { manifest } = read;
  const validate = {
    DataDomain: validateDataDomain,
    DataProduct: validateDataProduct,
    DataAccess: validateDataAccess,
  }[manifest.kind];
  const valid = validate(manifest).ok;
  return [
    ...(valid ? [] : ['an invalid manifest accepted']),
    ...(gitopsPath(manifest) === read.path ? [] : ['a manifest off its place']),
  ];
}

describe('readGitopsFile with hostile input', () => {
  it('never throws, and accepts only valid manifests at their own place', () => {
    let cases = 0;
    let accepted = 0;
    fc.assert(
      fc.property(hostilePath, hostileContent, (path, content) => {
        cases++;
        const read = readGitopsFile(path, content);
        accepted += read.ok ? 1 : 0;
        expect(problemsOf(read)).toEqual([]);
      }),
      { numRuns: 10_000 },
    );
    // eslint-disable-next-line no-console
    console.log(
      `readGitopsFile: ${cases} hostile files read, ${accepted} valid ones accepted at their place, 0 crashes`,
    );
    expect(cases).toBe(10_000);
  });
});
