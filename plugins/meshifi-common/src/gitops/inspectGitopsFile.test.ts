import { stringify } from 'yaml';
import { dataDomainManifest, dataProductManifest } from '../model/manifests';
import { inspectGitopsFile, readGitopsFile } from './readGitopsFile';

const product = () =>
  dataProductManifest({
    info: { name: 'orders', version: '1.0.0' },
    access: { owners: ['ana@example.com'] },
    domain: 'sales',
  });

const PATH = 'domains/sales/products/orders.yaml';

function problemsOf(path: string, content: string) {
  const inspected = inspectGitopsFile(path, content);
  if (inspected.ok) {
    throw new Error(`expected ${path} to have problems`);
  }
  return inspected.problems;
}

/** The 1-based line of the first line of the content that has a text. */
const lineWith = (content: string, text: string) =>
  content.split('\n').findIndex(line => line.includes(text)) + 1;

describe('inspectGitopsFile', () => {
  it('gives every problem of a manifest, each with its rule and line', () => {
    const manifest = product();
    manifest.spec.access.owners = ['ana@example.com', 'not-an-email'];
    manifest.spec.info.version = 'v1';
    const content = stringify(manifest);
    expect(problemsOf(PATH, content)).toEqual([
      {
        rule: 'schema',
        message: expect.stringMatching(/^spec\.info\.version: /),
        line: lineWith(content, 'version: v1'),
      },
      {
        rule: 'schema',
        message: expect.stringMatching(/^spec\.access\.owners\.1: Owner email/),
        line: lineWith(content, '- not-an-email'),
      },
    ]);
  });

  it('says which rule a name breaks: the pattern, or a reserved name', () => {
    const reserved = dataDomainManifest('kube-system', {
      owner: 'group:default/x',
      gcpProject: 'acme-sales-data',
    });
    expect(
      problemsOf('domains/kube-system/domain.yaml', stringify(reserved)),
    ).toEqual([
      {
        rule: 'reserved-name',
        message: expect.stringMatching(/reserved for the platform/),
        line: 4,
      },
    ]);
    const badName = product();
    badName.spec.info.name = 'Orders!';
    badName.metadata.name = 'Orders!';
    expect(problemsOf(PATH, stringify(badName)).map(p => p.rule)).toContain(
      'name',
    );
  });

  it('points broken YAML at its line', () => {
    expect(
      problemsOf(PATH, 'apiVersion: meshifi.io/v1alpha1\nspec: [unclosed\n'),
    ).toEqual([
      {
        rule: 'yaml',
        message: expect.stringMatching(
          /^is not valid YAML: [^\\]* at line 3, column 1\.$/,
        ),
        line: 3,
      },
    ]);
  });

  it('points a second document at its start', () => {
    const content = `${stringify(product())}---\n${stringify(product())}`;
    expect(problemsOf(PATH, content)).toEqual([
      {
        rule: 'yaml',
        message: 'holds 2 YAML documents: keep exactly one manifest per file.',
        line: lineWith(content, '---'),
      },
    ]);
  });

  it('points a misplaced product at the field that places it', () => {
    const content = stringify(product());
    expect(problemsOf('domains/aaa/products/orders.yaml', content)).toEqual([
      {
        rule: 'path',
        message:
          'holds DataProduct "orders", whose place is domains/sales/products/orders.yaml: move it there, or fix its content.',
        line: lineWith(content, 'domain: sales'),
      },
    ]);
    expect(
      problemsOf('domains/sales/products/invoices.yaml', content)[0].line,
    ).toBe(content.split('\n').indexOf('    name: orders') + 1);
  });

  it('gives a file the size, layout and file-name rules, without a line', () => {
    expect(problemsOf('orders.yaml', stringify(product()))).toEqual([
      { rule: 'layout', message: expect.any(String) },
    ]);
    expect(problemsOf('domains/sales/products/or\nders.yaml', '')).toEqual([
      { rule: 'file-name', message: expect.any(String) },
    ]);
    expect(problemsOf(PATH, `# ${'x'.repeat(300 * 1024)}`)).toEqual([
      {
        rule: 'size',
        message: `is ${
          300 * 1024 + 2
        } bytes long; a manifest may have at most 262144.`,
      },
    ]);
  });

  it('says the same as readGitopsFile, which joins the problems after the path', () => {
    const manifest = product();
    manifest.spec.access.owners = ['x', 'y'];
    const content = stringify(manifest);
    const read = readGitopsFile(PATH, content);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toBe(
      `${PATH} ${problemsOf(PATH, content)
        .map(p => p.message)
        .join(' ')}`,
    );
  });
});
