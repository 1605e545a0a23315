import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { DataAccessSpec, dataAccessManifest } from '@meshifi/common';
import { GitOpsRepository, GitOpsUnavailableError } from '@meshifi/node';
import { commitFilesOneByOne, useGitOpsServer } from '@meshifi/test-utils';
import { execFileSync } from 'child_process';
import path from 'path';
import { stringify } from 'yaml';
import { removeEndedGrants } from './removeEndedGrants';

const author = { name: 'meshifi', email: 'meshifi@localhost' };

function grantYaml(
  name: string,
  namespace: string,
  spec: Partial<DataAccessSpec> = {},
) {
  return stringify(
    dataAccessManifest(name, namespace, {
      product: 'customer-orders',
      consumer: {
        type: 'group',
        email: 'finance@example.com',
        entityRef: 'group:default/finance',
      },
      purpose: 'Monthly revenue report.',
      expires: '2026-11-30',
      ...spec,
    }),
  );
}

const at = (instant: string) => () => new Date(instant);

describe('removeEndedGrants', () => {
  const dir = createMockDirectory();
  const gitops = useGitOpsServer(dir);

  const repository = () => gitops.repository('housekeeping');
  /** Puts files in the repository as people would, one commit each. */
  const seed = (files: Record<string, string>) =>
    commitFilesOneByOne(gitops.repository('people'), files);

  const git = (args: string[]) =>
    execFileSync('git', args, { cwd: gitops.remote, encoding: 'utf8' }).trim();
  const head = () => git(['rev-parse', 'main']);
  const files = () =>
    git(['ls-tree', '-r', '-z', '--name-only', 'main'])
      .split('\0')
      .filter(Boolean)
      .sort();

  it('removes a grant whose last day has ended and keeps one still running', async () => {
    await seed({
      'domains/sales/access/finance-orders.yaml': grantYaml(
        'finance-orders',
        'sales',
      ),
      'domains/sales/access/marketing-orders.yaml': grantYaml(
        'marketing-orders',
        'sales',
        {
          consumer: { type: 'user', email: 'ana@example.com' },
          expires: '2026-12-31',
        },
      ),
      'access/platform-audit.yaml': grantYaml('platform-audit', 'default', {
        product: 'audit-log',
        consumer: { type: 'user', email: 'ana@example.com' },
        expires: '2026-12-01',
      }),
    });
    const logger = mockServices.logger.mock();

    const removed = await removeEndedGrants({
      repository: repository(),
      now: at('2026-12-02T09:00:00Z'),
      logger,
    });

    const commit = head();
    // In the order of their paths.
    expect(removed).toEqual([
      {
        name: 'platform-audit',
        namespace: 'default',
        product: 'audit-log',
        consumer: 'user:ana@example.com',
        expires: '2026-12-01',
        path: 'access/platform-audit.yaml',
        commit,
      },
      {
        name: 'finance-orders',
        namespace: 'sales',
        product: 'customer-orders',
        consumer: 'group:default/finance',
        expires: '2026-11-30',
        path: 'domains/sales/access/finance-orders.yaml',
        commit,
      },
    ]);
    expect(files()).toEqual([
      'README.md',
      'domains/sales/access/marketing-orders.yaml',
    ]);
    // One commit, whose message says what went and why.
    expect(git(['log', '--format=%s', 'main~1..main'])).toBe(
      'Remove 2 access grants that ended: platform-audit (user:ana@example.com until 2026-12-01), finance-orders (group:default/finance until 2026-11-30)',
    );
    expect(git(['log', '-1', '--format=%b', 'main'])).toMatch(
      /Google Cloud already stopped their access[\s\S]*- sales\/finance-orders: group:default\/finance on the data product customer-orders, last day 2026-11-30 \(UTC\), domains\/sales\/access\/finance-orders\.yaml/,
    );
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('sales/finance-orders'),
    );
  });

  it('keeps a grant through its last day in UTC and removes it the moment that day ends', async () => {
    const file = 'domains/sales/access/finance-orders.yaml';
    await seed({
      [file]: grantYaml('finance-orders', 'sales', { expires: '2026-12-02' }),
    });
    const logger = mockServices.logger.mock();
    const before = head();

    await expect(
      removeEndedGrants({
        repository: repository(),
        now: at('2026-12-02T23:59:59.999Z'),
        logger,
      }),
    ).resolves.toEqual([]);
    expect(head()).toBe(before);

    const removed = await removeEndedGrants({
      repository: repository(),
      now: at('2026-12-03T00:00:00.000Z'),
      logger,
    });
    expect(removed.map(g => g.path)).toEqual([file]);
    expect(files()).toEqual(['README.md']);
  });

  it('leaves every file it does not understand in place, says which, and still removes the ended grants it does', async () => {
    const ended = grantYaml('finance-orders', 'sales');
    const hostile = {
      'domains/sales/access/broken.yaml': 'spec: [unclosed\n',
      'domains/sales/access/two.yaml': `${grantYaml(
        'two',
        'sales',
      )}---\nkind: Secret\n`,
      'domains/sales/access/bomb.yaml': `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
      'domains/sales/access/elsewhere.yaml': grantYaml('misnamed', 'sales'),
      'domains/sales/access/other-domain.yaml': grantYaml(
        'other-domain',
        'marketing',
      ),
      'domains/sales/access/no-day.yaml': grantYaml('no-day', 'sales', {
        expires: '2026-02-30',
      }),
      'domains/sales/access/product.yaml': stringify({
        apiVersion: 'meshifi.io/v1alpha1',
        kind: 'DataProduct',
        metadata: { name: 'product' },
      }),
      'domains/sales/access/huge.yaml': `${grantYaml(
        'huge',
        'sales',
      )}# ${'x'.repeat(300 * 1024)}\n`,
      'access/evil\u001b[2J.yaml': grantYaml('evil', 'default'),
    };
    await seed({
      ...hostile,
      'domains/sales/access/finance-orders.yaml': ended,
    });
    const logger = mockServices.logger.mock();

    const removed = await removeEndedGrants({
      repository: repository(),
      now: at('2027-06-01T00:00:00Z'),
      logger,
    });

    expect(removed.map(g => g.path)).toEqual([
      'domains/sales/access/finance-orders.yaml',
    ]);
    expect(files()).toEqual(['README.md', ...Object.keys(hostile)].sort());
    const warnings = logger.warn.mock.calls.map(([message]) => message);
    expect(warnings).toHaveLength(Object.keys(hostile).length);
    for (const file of Object.keys(hostile).filter(f => f.includes('sales'))) {
      expect(warnings).toContainEqual(expect.stringMatching(`^${file} `));
    }
    expect(warnings).toContainEqual(
      expect.stringMatching(/^access\/evil\\u001b\[2J\.yaml was not read: /),
    );
    for (const warning of warnings) {
      expect(warning).not.toContain('\u001b');
      expect(warning).toMatch(
        /Access housekeeping leaves it in place: fix the file, or remove it if its grant has ended\.$/,
      );
    }
    expect(warnings).toContainEqual(
      expect.stringContaining('domains/sales/access/huge.yaml was not read'),
    );
    expect(warnings).toContainEqual(
      expect.stringContaining('domains/sales/access/misnamed.yaml'),
    );
  });

  it('commits nothing when no grant has ended', async () => {
    await seed({
      'domains/sales/access/finance-orders.yaml': grantYaml(
        'finance-orders',
        'sales',
        { expires: '2027-01-31' },
      ),
    });
    const before = head();

    await expect(
      removeEndedGrants({
        repository: repository(),
        now: at('2026-12-02T09:00:00Z'),
        logger: mockServices.logger.mock(),
      }),
    ).resolves.toEqual([]);

    expect(head()).toBe(before);
  });

  it('says the repository cannot be reached when the git server is down, and loses nothing', async () => {
    await seed({
      'domains/sales/access/finance-orders.yaml': grantYaml(
        'finance-orders',
        'sales',
      ),
    });
    const before = head();
    await gitops.server.stop();

    const run = removeEndedGrants({
      repository: repository(),
      now: at('2026-12-02T09:00:00Z'),
      logger: mockServices.logger.mock(),
    });

    await expect(run).rejects.toThrow(GitOpsUnavailableError);
    await expect(run).rejects.toThrow(
      /cannot be reached right now.*Nothing was changed/,
    );
    expect(head()).toBe(before);
    expect(files()).toEqual([
      'README.md',
      'domains/sales/access/finance-orders.yaml',
    ]);
  });

  it('removes nothing when a grant changes between its reading and the push', async () => {
    const file = 'domains/sales/access/finance-orders.yaml';
    await seed({ [file]: grantYaml('finance-orders', 'sales') });
    const renewed = grantYaml('finance-orders', 'sales', {
      expires: '2027-03-31',
    });

    /** A person renews the grant just as housekeeping is about to remove it. */
    class RenewedMeanwhile extends GitOpsRepository {
      removeFiles(options: Parameters<GitOpsRepository['removeFiles']>[0]) {
        const clone = path.join(dir.path, 'person');
        execFileSync('git', ['clone', '--quiet', gitops.remote, clone]);
        const person = (args: string[], input?: string) =>
          execFileSync('git', args, { cwd: clone, input, encoding: 'utf8' });
        const blob = person(['hash-object', '-w', '--stdin'], renewed).trim();
        person(['update-index', '--cacheinfo', `100644,${blob},${file}`]);
        person([
          '-c',
          'user.name=ana',
          '-c',
          'user.email=ana@example.com',
          'commit',
          '--quiet',
          '-m',
          'Renew finance-orders',
        ]);
        person(['push', '--quiet', 'origin', 'HEAD:main']);
        return super.removeFiles(options);
      }
    }
    const repo = new RenewedMeanwhile({
      remote: gitops.server.url('gitops.git'),
      branch: 'main',
      mirrorDir: path.join(dir.path, 'housekeeping'),
      author,
    });

    const run = removeEndedGrants({
      repository: repo,
      now: at('2026-12-02T09:00:00Z'),
      logger: mockServices.logger.mock(),
    });

    await expect(run).rejects.toThrow(
      `The access grant file ${file} changed while housekeeping removed the grants that ended. Nothing was removed`,
    );
    expect(git(['log', '-1', '--format=%s', 'main'])).toBe(
      'Renew finance-orders',
    );
    expect(git(['show', `main:${file}`])).toBe(renewed.trim());
  });
});
