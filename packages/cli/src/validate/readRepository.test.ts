import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import {
  ALIAS_BOMB,
  domainYaml,
  grantYaml,
  productYaml,
  writeFiles,
} from '../__testUtils__/gitopsFiles';
import { validateRepository } from './readRepository';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'meshifi-validate-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const rulesByFile = () =>
  validateRepository(root).problems.map(p => [p.file, p.rule]);

describe('validateRepository', () => {
  it('reads a repository of domains and products, and counts them', () => {
    writeFiles(root, {
      'README.md': '# The data mesh',
      'domains/sales/domain.yaml': domainYaml('sales'),
      'domains/sales/products/orders.yaml': productYaml('orders'),
      'domains/sales/products/customers.yaml': productYaml('customers'),
    });
    expect(validateRepository(root)).toEqual({
      problems: [],
      files: 4,
      products: 2,
      domains: 1,
      grants: 0,
    });
  });

  it('reads the grants of a domain and of no domain, and counts them', () => {
    writeFiles(root, {
      'domains/sales/domain.yaml': domainYaml('sales'),
      'domains/sales/products/orders.yaml': productYaml('orders'),
      'domains/sales/access/marketing-orders.yaml': grantYaml(
        'marketing-orders',
        'orders',
      ),
      'access/marketing-legacy.yaml': grantYaml(
        'marketing-legacy',
        'legacy',
        'default',
      ),
      'domains/sales/access/old/marketing-orders.yaml': grantYaml(
        'marketing-orders',
        'orders',
      ),
    });
    expect(validateRepository(root)).toEqual({
      problems: [
        expect.objectContaining({
          file: 'access/marketing-legacy.yaml',
          rule: 'missing-product',
        }),
        expect.objectContaining({
          file: 'domains/sales/access/old/marketing-orders.yaml',
          rule: 'layout',
        }),
      ],
      files: 5,
      products: 1,
      domains: 1,
      grants: 2,
    });
  });

  it('reports every broken file in one run', () => {
    writeFiles(root, {
      'domains/sales/domain.yaml': domainYaml('sales'),
      'domains/sales/products/a.yaml': 'spec: [unclosed',
      'domains/sales/products/b.yaml': ALIAS_BOMB,
      'domains/sales/products/c.yaml': productYaml('orders'),
    });
    expect(rulesByFile()).toEqual([
      ['domains/sales/products/a.yaml', 'yaml'],
      ['domains/sales/products/b.yaml', 'yaml'],
      ['domains/sales/products/c.yaml', 'path'],
    ]);
  });

  it('skips hidden folders and installed packages outside meshifi folders, not inside', () => {
    writeFiles(root, {
      '.github/workflows/ci.yaml': productYaml('orders'),
      'node_modules/x/orders.yaml': productYaml('orders'),
      'domains/sales/.orders.yaml': productYaml('orders'),
    });
    expect(rulesByFile()).toEqual([['domains/sales/.orders.yaml', 'layout']]);
  });

  it('reports a link where meshifi reads files, dangling or leading out of the repository, without following it', () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'meshifi-outside-'));
    try {
      writeFileSync(path.join(outside, 'orders.yaml'), productYaml('orders'));
      mkdirSync(path.join(root, 'domains/sales/products'), { recursive: true });
      writeFileSync(
        path.join(root, 'domains/sales/domain.yaml'),
        domainYaml('sales'),
      );
      symlinkSync(
        path.join(outside, 'orders.yaml'),
        path.join(root, 'domains/sales/products/orders.yaml'),
      );
      symlinkSync(
        path.join(root, 'nowhere.yaml'),
        path.join(root, 'domains/sales/products/gone.yaml'),
      );
      // A linked folder is not walked into either.
      symlinkSync(outside, path.join(root, 'domains/elsewhere'));
      const { problems, products } = validateRepository(root);
      expect(products).toBe(0);
      expect(problems).toEqual([
        expect.objectContaining({
          file: 'domains/elsewhere',
          rule: 'symlink',
        }),
        expect.objectContaining({
          file: 'domains/sales/products/gone.yaml',
          rule: 'symlink',
          message: expect.stringContaining('nowhere.yaml'),
        }),
        expect.objectContaining({
          file: 'domains/sales/products/orders.yaml',
          rule: 'symlink',
        }),
      ]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reports a folder where a manifest belongs, and a pipe there without waiting on it', () => {
    mkdirSync(path.join(root, 'domains/sales/products/orders.yaml'), {
      recursive: true,
    });
    execFileSync('mkfifo', [path.join(root, 'domains/sales/domain.yaml')]);
    expect(rulesByFile()).toEqual([
      ['domains/sales/domain.yaml', 'unreadable'],
      ['domains/sales/products/orders.yaml', 'unreadable'],
    ]);
  });

  it('refuses a huge file by its size', () => {
    writeFiles(root, {
      'domains/sales/products/orders.yaml': `# ${'x'.repeat(1024 * 1024)}`,
    });
    expect(validateRepository(root).problems).toEqual([
      {
        file: 'domains/sales/products/orders.yaml',
        rule: 'size',
        message: 'is 1048578 bytes long; a manifest may have at most 262144.',
      },
    ]);
  });

  it('shows a file name with a line break on one line', () => {
    writeFiles(root, { 'domains/sales/products/or\nders.yaml': 'x: 1' });
    expect(validateRepository(root).problems).toEqual([
      expect.objectContaining({
        file: 'domains/sales/products/or\\u000aders.yaml',
        rule: 'file-name',
      }),
    ]);
  });

  it('throws when the folder itself cannot be read', () => {
    expect(() => validateRepository(path.join(root, 'missing'))).toThrow(
      /ENOENT/,
    );
  });
});
