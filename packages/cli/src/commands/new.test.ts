import { nameProblem, readGitopsFile } from '@meshifi/common';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import {
  domainYaml,
  gitRepository,
  productYaml,
} from '../__testUtils__/gitopsFiles';
import { useBuiltCli } from '../__testUtils__/runCli';
import { newCommand, Prompts } from './new';

/** One question a person is asked, and what they type (or pick). */
interface Step {
  /** The question, as the prompt shows it. */
  asks: RegExp;
  /** What the person first types that the prompt must refuse, with why. */
  refused?: Array<[value: string, message: string | RegExp]>;
  answer: string;
}

/**
 * Prompts that answer as a person would, in order, checking each question
 * and that the prompt refuses what it must; the choices a select offered
 * are kept for the test to read.
 */
function scriptedPrompts(steps: Step[]) {
  const remaining = [...steps];
  const offered: string[][] = [];
  const next = (message: string) => {
    const step = remaining.shift();
    if (!step) {
      throw new Error(`asked one question too many: ${message}`);
    }
    expect(message).toMatch(step.asks);
    return step;
  };
  const prompts: Prompts = {
    async input(config) {
      const step = next(config.message);
      for (const [value, why] of step.refused ?? []) {
        const verdict = config.validate?.(value);
        expect(verdict).toEqual(
          typeof why === 'string' ? why : expect.stringMatching(why),
        );
      }
      expect(config.validate?.(step.answer) ?? true).toBe(true);
      return step.answer;
    },
    async select(config) {
      const step = next(config.message);
      offered.push(config.choices.map(c => c.value));
      return step.answer;
    },
  };
  return { prompts, offered, remaining };
}

const repositoryFiles = {
  'domains/sales/domain.yaml': domainYaml('sales'),
  'domains/finance/domain.yaml': domainYaml('finance'),
  'domains/finance/products/ledger.yaml': productYaml('ledger', 'finance'),
  'README.md': '# Our data mesh\n',
};

describe('meshifi new', () => {
  let root: string;
  let repo: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'meshifi-new-'));
    repo = gitRepository(path.join(root, 'gitops'), repositoryFiles);
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const read = (file: string) => fs.readFile(path.join(repo, file), 'utf8');

  describe('asked in a terminal', () => {
    /** Runs `meshifi new ARGS` in process, in a subfolder of the repository. */
    async function runNew(args: string[], steps: Step[]) {
      const script = scriptedPrompts(steps);
      const cwd = path.join(repo, 'domains');
      const command = newCommand({
        prompts: async () => script.prompts,
        interactive: () => true,
        cwd: () => cwd,
      }).exitOverride();
      const stdout = jest
        .spyOn(process.stdout, 'write')
        .mockImplementation(() => true);
      try {
        await command.parseAsync(args, { from: 'user' });
      } finally {
        stdout.mockRestore();
      }
      expect(script.remaining).toEqual([]);
      const code = process.exitCode;
      process.exitCode = undefined;
      return { code, offered: script.offered };
    }

    it('asks for a product, the domain with the arrow keys, owners until an empty answer, and writes it at the root of the repository', async () => {
      const { code, offered } = await runNew(
        ['product'],
        [
          { asks: /^Domain$/, answer: 'sales' },
          {
            asks: /^Product name/,
            refused: [
              ['Orders', nameProblem('Orders', 'product name')!],
              ['ledger', /^A data product named "ledger" already exists/],
            ],
            answer: 'orders',
          },
          {
            asks: /^Owner's email/,
            refused: [['ana', /email/i]],
            answer: 'ana@example.com',
          },
          {
            asks: /^Another owner/,
            refused: [['ana@example.com', /listed twice/]],
            answer: 'group:sales-analysts@example.com',
          },
          { asks: /^Another owner/, answer: '' },
          { asks: /^Title/, answer: 'Customer orders' },
          { asks: /^What the data is/, answer: '' },
          {
            asks: /^Version/,
            refused: [['1.0', /semantic version/]],
            answer: '0.1.0',
          },
          { asks: /^Data location/, answer: '' },
        ],
      );
      expect(code).toBe(0);
      expect(offered).toEqual([['finance', 'sales']]);
      const file = 'domains/sales/products/orders.yaml';
      expect(readGitopsFile(file, await read(file))).toMatchObject({
        ok: true,
        manifest: {
          spec: {
            info: { name: 'orders', title: 'Customer orders' },
            access: {
              owners: ['ana@example.com', 'group:sales-analysts@example.com'],
            },
            domain: 'sales',
          },
        },
      });
    });

    it('asks only what the flags do not say', async () => {
      const { code } = await runNew(
        ['domain', '--name', 'marketing', '--owner', 'group:default/marketing'],
        [
          {
            asks: /Google Cloud project/,
            refused: [
              ['acme-sales-data', /already belongs to the domain "sales"/],
            ],
            answer: 'acme-marketing-data',
          },
          { asks: /^Title/, answer: 'Marketing' },
          { asks: /^Description/, answer: '' },
        ],
      );
      expect(code).toBe(0);
      const file = 'domains/marketing/domain.yaml';
      expect(readGitopsFile(file, await read(file))).toMatchObject({
        ok: true,
        manifest: {
          spec: {
            title: 'Marketing',
            owner: 'group:default/marketing',
            gcpProject: 'acme-marketing-data',
          },
        },
      });
    });

    it('stops on Ctrl+C, having written nothing', async () => {
      const command = newCommand({
        prompts: async () => ({
          input: async () => {
            throw Object.assign(new Error('User force closed the prompt'), {
              name: 'ExitPromptError',
            });
          },
          select: async () => 'sales',
        }),
        interactive: () => true,
        cwd: () => repo,
      }).exitOverride();
      await expect(
        command.parseAsync(['domain'], { from: 'user' }),
      ).rejects.toThrow('Stopped: nothing was written.');
      expect(await fs.readdir(path.join(repo, 'domains'))).toEqual([
        'finance',
        'sales',
      ]);
    });
  });

  describe('with flags, through the built binary', () => {
    const runCli = useBuiltCli();
    const productFlags = [
      'new',
      'product',
      '--name',
      'orders',
      '--domain',
      'sales',
      '--owner',
      'ana@example.com',
      '--owner',
      'group:sales-analysts@example.com',
    ];

    it('writes a product file that meshifi validate accepts', async () => {
      const { code, stdout, stderr } = await runCli(
        [...productFlags, '--title', 'Customer orders', '--location', 'EU'],
        { cwd: path.join(repo, 'domains', 'sales') },
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toBe(
        'Wrote domains/sales/products/orders.yaml.\nNext: commit it on a branch and open a pull request; meshifi plan shows what merging it will create.\n',
      );
      expect(await read('domains/sales/products/orders.yaml')).toBe(
        [
          'apiVersion: meshifi.io/v1alpha1',
          'kind: DataProduct',
          'metadata:',
          '  name: orders',
          '  namespace: sales',
          '  labels:',
          '    meshifi.io/data-product: orders',
          'spec:',
          '  info:',
          '    name: orders',
          '    version: 0.1.0',
          '    title: Customer orders',
          '  access:',
          '    owners:',
          '      - ana@example.com',
          '      - group:sales-analysts@example.com',
          '  domain: sales',
          '  location: EU',
          '',
        ].join('\n'),
      );
      const validated = await runCli(['validate'], { cwd: repo });
      expect(validated.stderr).toBe('');
      expect(validated.code).toBe(0);
    });

    it('writes a domain file', async () => {
      const { code } = await runCli(
        [
          'new',
          'domain',
          '--name',
          'marketing',
          '--project',
          'acme-marketing-data',
          '--owner',
          'group:default/marketing-team',
        ],
        { cwd: repo },
      );
      expect(code).toBe(0);
      expect(await read('domains/marketing/domain.yaml')).toContain(
        'gcpProject: acme-marketing-data',
      );
    });

    it('names the flag of a missing answer when there is no terminal to ask in, exit code 2', async () => {
      const { code, stdout, stderr } = await runCli(
        ['new', 'product', '--name', 'orders', '--domain', 'sales'],
        { cwd: repo },
      );
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        "meshifi: Give the product's owner with --owner: there is no terminal to ask in.\n",
      );
      const domain = await runCli(['new', 'domain', '--name', 'x'], {
        cwd: repo,
      });
      expect(domain.code).toBe(2);
      expect(domain.stderr).toContain('--project');
    });

    it("refuses an invalid name with the model's message, exit code 1, writing nothing", async () => {
      const { code, stderr } = await runCli(
        [...productFlags.slice(0, 3), 'Orders!', ...productFlags.slice(4)],
        { cwd: repo },
      );
      expect(code).toBe(1);
      expect(stderr).toBe(
        `meshifi: ${nameProblem('Orders!', 'product name')} (--name)\n`,
      );
      expect(await fs.readdir(path.join(repo, 'domains', 'sales'))).toEqual([
        'domain.yaml',
      ]);
    });

    it('refuses to overwrite a file, and a name another domain already has', async () => {
      expect((await runCli(productFlags, { cwd: repo })).code).toBe(0);
      const before = await read('domains/sales/products/orders.yaml');

      const again = await runCli([...productFlags, '--title', 'Other'], {
        cwd: repo,
      });
      expect(again.code).toBe(1);
      expect(again.stderr).toBe(
        'meshifi: domains/sales/products/orders.yaml already exists: meshifi new does not overwrite a file. Pick another name, or edit that file. (--name)\n',
      );
      expect(await read('domains/sales/products/orders.yaml')).toBe(before);

      const elsewhere = await runCli(
        [...productFlags.slice(0, 3), 'ledger', ...productFlags.slice(4)],
        { cwd: repo },
      );
      expect(elsewhere.code).toBe(1);
      expect(elsewhere.stderr).toMatch(
        /^meshifi: A data product named "ledger" already exists \(domains\/finance\/products\/ledger\.yaml\)/,
      );
    });
  });
});
