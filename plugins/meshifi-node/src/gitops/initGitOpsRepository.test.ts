import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  DataProduct,
  hasControlCharacter,
  meshProblems,
  readGitopsFile,
} from '@meshifi/common';
import { execFileSync } from 'child_process';
import fc from 'fast-check';
import { existsSync, promises as fs, readdirSync } from 'fs';
import path from 'path';
import { initGitOpsRepository } from './initGitOpsRepository';

const author = { name: 'meshifi', email: 'meshifi@localhost' };
const EXAMPLES = path.resolve(__dirname, '../../../../examples/gitops');

const gitIn = (remote: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: remote, encoding: 'utf8' });
/** Every file of the branch main, with its content, read with plain git. */
function filesOf(remote: string) {
  const files = gitIn(remote, 'ls-tree', '-r', '--name-only', '-z', 'main')
    .split('\0')
    .filter(Boolean);
  return new Map(
    files.map(file => [file, gitIn(remote, 'show', `main:${file}`)]),
  );
}

const domain = [
  'apiVersion: meshifi.io/v1alpha1',
  'kind: DataDomain',
  'metadata:',
  '  name: sales',
  'spec:',
  '  title: Sales',
  '  owner: group:default/sales-analytics',
  '  gcpProject: acme-sales-data',
  '',
].join('\n');

describe('initGitOpsRepository', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());
  const remote = () => path.join(dir.path, 'gitops.git');

  it('starts a repository with a README only when given no initial content', async () => {
    await initGitOpsRepository(remote(), 'main', author);
    expect([...filesOf(remote()).keys()]).toEqual(['README.md']);
    expect(gitIn(remote(), 'log', '--format=%an|%s', 'main').trim()).toBe(
      'meshifi|Start the meshifi GitOps repository',
    );
  });

  it('starts a repository with every file of its initial content, at the same paths and byte for byte', async () => {
    dir.setContent({
      content: {
        'domains/sales/domain.yaml': domain,
        'docs/how-we-work.md':
          '# How we work\n\nÜber alles: one file a product.\n',
      },
    });
    await initGitOpsRepository(remote(), 'main', author, {
      folder: path.join(dir.path, 'content'),
    });
    const files = filesOf(remote());
    expect([...files.keys()].sort()).toEqual([
      'README.md',
      'docs/how-we-work.md',
      'domains/sales/domain.yaml',
    ]);
    expect(files.get('domains/sales/domain.yaml')).toBe(domain);
    expect(files.get('docs/how-we-work.md')).toBe(
      '# How we work\n\nÜber alles: one file a product.\n',
    );
    expect(files.get('README.md')).toMatch(/^# meshifi GitOps repository/);
    expect(gitIn(remote(), 'log', '--format=%s', 'main').trim()).toBe(
      'Start the meshifi GitOps repository with its initial content',
    );
    // A bare repository, with nothing of how it was built left in it.
    expect(gitIn(remote(), 'rev-parse', '--is-bare-repository').trim()).toBe(
      'true',
    );
    expect(readdirSync(remote())).not.toContain('initial-index');
    expect(readdirSync(dir.path).sort()).toEqual(['content', 'gitops.git']);
  });

  it("lets an initial content's own README replace meshifi's", async () => {
    dir.setContent({ content: { 'README.md': '# The data mesh of Acme\n' } });
    await initGitOpsRepository(remote(), 'main', author, {
      folder: path.join(dir.path, 'content'),
    });
    expect(filesOf(remote())).toEqual(
      new Map([['README.md', '# The data mesh of Acme\n']]),
    );
  });

  it('refuses a push that would reset or delete the branch, so that no engine prunes what was added since', async () => {
    await initGitOpsRepository(remote(), 'main', author);
    const work = path.join(dir.path, 'work');
    execFileSync('git', ['clone', '--quiet', remote(), work]);
    const inWork = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.name=t', '-c', 'user.email=t@localhost', ...args],
        { cwd: work, encoding: 'utf8', stdio: 'pipe' },
      );
    const first = inWork('rev-parse', 'HEAD').trim();
    await fs.mkdir(path.join(work, 'domains/sales'), { recursive: true });
    await fs.writeFile(path.join(work, 'domains/sales/domain.yaml'), domain);
    inWork('add', '-A');
    inWork('commit', '--quiet', '-m', 'add sales');
    inWork('push', '--quiet', 'origin', 'HEAD:main');
    const added = gitIn(remote(), 'rev-parse', 'main').trim();

    expect(() =>
      inWork('push', '--quiet', '--force', 'origin', `${first}:main`),
    ).toThrow(/non-fast-forward/);
    expect(() => inWork('push', '--quiet', 'origin', ':main')).toThrow(
      /deletion (of the current branch )?prohibited/,
    );
    expect(gitIn(remote(), 'rev-parse', 'main').trim()).toBe(added);
    expect(filesOf(remote()).has('domains/sales/domain.yaml')).toBe(true);
  });

  it('never touches a repository that is there', async () => {
    await initGitOpsRepository(remote(), 'main', author);
    const head = gitIn(remote(), 'rev-parse', 'main');
    dir.addContent({ content: { 'domains/sales/domain.yaml': domain } });
    await initGitOpsRepository(remote(), 'main', author, {
      folder: path.join(dir.path, 'content'),
    });
    expect(gitIn(remote(), 'rev-parse', 'main')).toBe(head);
    expect([...filesOf(remote()).keys()]).toEqual(['README.md']);
  });

  it('makes one repository when several plugins start it at once', async () => {
    dir.setContent({ content: { 'domains/sales/domain.yaml': domain } });
    const initial = { folder: path.join(dir.path, 'content') };
    await Promise.all(
      Array.from({ length: 6 }, () =>
        initGitOpsRepository(remote(), 'main', author, initial),
      ),
    );
    expect(gitIn(remote(), 'rev-list', '--count', 'main').trim()).toBe('1');
    expect([...filesOf(remote()).keys()].sort()).toEqual([
      'README.md',
      'domains/sales/domain.yaml',
    ]);
    // No half-built folder is left behind by the ones that lost.
    expect(readdirSync(dir.path).sort()).toEqual(['content', 'gitops.git']);
  });

  describe('refuses initial content it would start a broken repository with, and creates nothing', () => {
    async function refusal(files: Record<string, string>) {
      dir.setContent({ content: files });
      const error = await initGitOpsRepository(remote(), 'main', author, {
        folder: path.join(dir.path, 'content'),
      }).then(
        () => undefined,
        e => e as Error,
      );
      expect(existsSync(remote())).toBe(false);
      expect(readdirSync(dir.path)).toEqual(['content']);
      return error?.message;
    }

    it('a manifest that is not valid at its place, naming each file and its problem', async () => {
      const message = await refusal({
        'domains/sales/domain.yaml': domain,
        'domains/sales/products/orders.yaml': 'kind: DataProduct\n',
        'domains/finance/domain.yaml': domain,
        'domains/sales/notes.txt': 'not a manifest\n',
      });
      expect(message).toMatch(
        /^The initial content of the GitOps repository \(meshifi\.gitops\.initialContent, .*\) has files meshifi will not start a repository with: /,
      );
      expect(message).toContain('domains/sales/products/orders.yaml ');
      expect(message).toContain(
        'domains/finance/domain.yaml holds DataDomain "sales", whose place is domains/sales/domain.yaml',
      );
      expect(message).toContain(
        'domains/sales/notes.txt is not where meshifi keeps manifests',
      );
      expect(message).not.toContain('domains/sales/domain.yaml is');
      expect(message).toMatch(
        /Fix them, or remove initialContent; nothing was created\.$/,
      );
    });

    it('a link, which could bring in any file of the host', async () => {
      dir.setContent({ content: { 'domains/sales/domain.yaml': domain } });
      await fs.symlink('/etc/passwd', path.join(dir.path, 'content/passwd'));
      await expect(
        initGitOpsRepository(remote(), 'main', author, {
          folder: path.join(dir.path, 'content'),
        }),
      ).rejects.toThrow(
        'passwd is not a plain file (a link, a pipe or a device): replace it with the file itself.',
      );
      expect(existsSync(remote())).toBe(false);
    });

    it('a file whose name has a control character', async () => {
      const message = await refusal({ 'notes\nREADME.md': 'hi\n' });
      expect(message).toContain(
        'notes\\u000aREADME.md has a control character in its name',
      );
    });

    it('a folder that is not there', async () => {
      await expect(
        initGitOpsRepository(remote(), 'main', author, {
          folder: path.join(dir.path, 'missing'),
        }),
      ).rejects.toThrow(
        /cannot be read from .*missing: ENOENT\. Point it at a folder of manifests, or remove it\./,
      );
      expect(existsSync(remote())).toBe(false);
    });
  });

  it('keeps any other file name and content as it is (fast-check)', async () => {
    const segment = fc
      .string({ minLength: 1, maxLength: 12, unit: 'grapheme' })
      .filter(
        s =>
          s !== '.' &&
          s !== '..' &&
          !s.includes('/') &&
          !s.includes('\\') &&
          // git refuses these names itself, with its own message: its
          // folder, and what Windows reads as its folder.
          !/^\.git[. ]*$|^git~\d/i.test(s) &&
          // Control characters are refused, as tested above.
          !hasControlCharacter(s),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc
            .array(segment, { minLength: 1, maxLength: 3 })
            .map(parts => ['notes', ...parts].join('/')),
          fc.string({ maxLength: 200, unit: 'binary' }),
          { minKeys: 1, maxKeys: 4 },
        ),
        async files => {
          dir.clear();
          // A name that is both a file and a folder cannot be written.
          const names = Object.keys(files);
          fc.pre(!names.some(a => names.some(b => b.startsWith(`${a}/`))));
          dir.setContent({ content: files });
          await initGitOpsRepository(remote(), 'main', author, {
            folder: path.join(dir.path, 'content'),
          });
          const written = filesOf(remote());
          written.delete('README.md');
          expect(written).toEqual(new Map(Object.entries(files)));
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('starts the local meshifi with examples/gitops, every manifest valid at its place', async () => {
    await initGitOpsRepository(remote(), 'main', author, { folder: EXAMPLES });
    const files = filesOf(remote());
    const manifests = [...files].filter(([file]) => file !== 'README.md');
    expect(manifests.map(([file]) => file).sort()).toEqual([
      'domains/finance/domain.yaml',
      'domains/finance/products/revenue-forecast.yaml',
      'domains/sales/domain.yaml',
      'domains/sales/products/customer-orders.yaml',
      'domains/sales/products/revenue-daily.yaml',
    ]);
    for (const [file, content] of manifests) {
      expect(readGitopsFile(file, content)).toMatchObject({ ok: true });
    }
  });

  it('starts with a mesh of products whose ports and lineage keep the mesh rules', async () => {
    await initGitOpsRepository(remote(), 'main', author, { folder: EXAMPLES });
    const products = [...filesOf(remote())].flatMap(([file, content]) => {
      const read = readGitopsFile(file, content);
      return read.ok && read.manifest.kind === 'DataProduct'
        ? [read.manifest as DataProduct]
        : [];
    });
    for (const product of products) {
      expect(meshProblems(product, products)).toEqual([]);
    }
    // The first start shows lineage: at least three products offer tables,
    // and one reads another's table across domains.
    expect(
      products.filter(product => product.spec.outputPorts?.length).length,
    ).toBeGreaterThanOrEqual(3);
    const domainOf = new Map(
      products.map(p => [p.spec.info.name, p.spec.domain]),
    );
    const crossDomainReads = products.flatMap(product =>
      (product.spec.inputPorts ?? []).filter(
        input => domainOf.get(input.product) !== product.spec.domain,
      ),
    );
    expect(crossDomainReads.length).toBeGreaterThan(0);
  });
});
