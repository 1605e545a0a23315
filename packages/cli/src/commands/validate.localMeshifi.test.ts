/*
 * `npx meshifi validate` and `npx meshifi plan` in a fresh clone of the
 * local meshifi's GitOps repository, as `./meshifi start` creates it from
 * app-config.yaml, once the Create page has added a product to one of its
 * domains: the domain files are in the repository, not only in the cluster
 * and the catalog.
 */
import { gitopsPath } from '@meshifi/common';
import { GitOpsRepository } from '@meshifi/node';
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { parse, stringify } from 'yaml';
import { productYaml } from '../__testUtils__/gitopsFiles';
import { useBuiltCli } from '../__testUtils__/runCli';

const ROOT = path.resolve(__dirname, '../../../..');
/** The backend runs in packages/backend: its config's paths start there. */
const BACKEND_DIR = path.join(ROOT, 'packages/backend');

const runCli = useBuiltCli();

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'meshifi-local-gitops-'));
});
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

/** The local repository's settings of app-config.yaml. */
function localGitopsConfig() {
  const config = parse(
    readFileSync(path.join(ROOT, 'app-config.yaml'), 'utf8'),
  );
  return config.meshifi.gitops as {
    createIfMissing?: boolean;
    initialContent?: string;
  };
}

it('validates and plans a clone after the Create page adds a product to the sample domain sales', async () => {
  const { createIfMissing, initialContent } = localGitopsConfig();
  expect(createIfMissing).toBe(true);
  const remote = path.join(workDir, 'gitops.git');
  const repository = new GitOpsRepository({
    remote,
    branch: 'main',
    mirrorDir: path.join(workDir, 'mirror'),
    author: { name: 'meshifi', email: 'meshifi@localhost' },
    createIfMissing,
    initialContent: initialContent
      ? { folder: path.resolve(BACKEND_DIR, initialContent) }
      : undefined,
  });
  const content = productYaml('web-sessions', 'sales');
  await repository.publishFile({
    path: gitopsPath(parse(content)),
    content,
    message: 'Add the data product web-sessions',
    ifExists: () => new Error('the product is there already'),
  });

  const clone = path.join(workDir, 'clone');
  execFileSync('git', ['clone', '--quiet', remote, clone]);
  const run = await runCli(['validate'], { cwd: clone });
  // Every product file of the clone, the samples and the one added, is valid.
  const productFiles = execFileSync('git', ['ls-files'], {
    cwd: clone,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(file => /^domains\/[^/]+\/products\/[^/]+\.yaml$/.test(file));
  expect(productFiles).toContain('domains/sales/products/web-sessions.yaml');
  expect(run).toEqual({
    code: 0,
    stdout: expect.stringMatching(
      new RegExp(
        `^Checked \\d+ files: ${productFiles.length} valid data products, 2 valid domains\\. No problems found\\.\\n$`,
      ),
    ),
    stderr: '',
  });

  // An analyst's change in the clone: one more owner of a sample product.
  const sample = path.join(clone, 'domains/sales/products/revenue-daily.yaml');
  const product = parse(readFileSync(sample, 'utf8'));
  product.spec.access.owners.push('bob@example.com');
  writeFileSync(sample, stringify(product));
  const plan = await runCli(['plan'], { cwd: clone });
  expect(plan.code).toBe(0);
  expect(plan.stderr).toBe('');
  expect(plan.stdout).toContain(
    'Compared: the working tree (uncommitted files included) with the merge base of HEAD and origin/main',
  );
  expect(plan.stdout).toMatch(
    /Data product revenue-daily \(domain sales\): domains\/sales\/products\/revenue-daily\.yaml\n {2}\+ bob@example\.com may act as dp-revenue-daily@acme-sales-data\.iam\.gserviceaccount\.com\n/,
  );
  expect(plan.stdout).toMatch(
    /In all: 1 to create, 0 to change, 0 to delete, in 1 data product\./,
  );
});
