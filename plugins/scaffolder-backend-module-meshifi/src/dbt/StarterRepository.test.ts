/*
 * Publishing a folder into the starter repository, against a real
 * smart-HTTP git server: one commit, beside what is there, never over
 * another project, nothing new for the same files again, never forced when
 * pushes race, and refusals and outages in words.
 */
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  createBareRepository,
  GitHttpServer,
  startGitHttpServer,
} from '@meshifi/test-utils';
import { execFileSync } from 'child_process';
import { mkdtempSync } from 'fs';
import path from 'path';
import { StarterRepository } from './StarterRepository';

jest.setTimeout(60_000);

const PROJECT = {
  'dbt_project.yml': 'name: customer_orders\nprofile: meshifi\n',
  models: { cleaned: { 'events.sql': 'select 1 as event_id\n' } },
  '.gitignore': 'target/\n',
};

describe('StarterRepository', () => {
  const dir = createMockDirectory();
  let server: GitHttpServer;
  let remote: string;

  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: remote, encoding: 'utf8' });
  const commits = () => Number(git('rev-list', '--count', 'main').trim());

  function repository(
    options: { settings?: Record<string, string>; url?: string } = {},
  ) {
    return new StarterRepository({
      remote: options.url ?? server.url('dbt-starters.git'),
      branch: 'main',
      settings: options.settings,
      scratch: mkdtempSync(path.join(dir.path, 'scratch-')),
    });
  }

  function project(name: string, files: Record<string, unknown> = PROJECT) {
    dir.addContent({ [name]: files as any });
    return path.join(dir.path, name);
  }

  beforeEach(async () => {
    dir.clear();
    server = await startGitHttpServer(path.join(dir.path, 'server'));
    remote = await createBareRepository(
      path.join(dir.path, 'server'),
      'dbt-starters.git',
    );
  });
  afterEach(() => server.stop());

  it('commits the whole folder in one commit beside what the branch has', async () => {
    const before = commits();
    const files = git('ls-tree', '-r', '--name-only', 'main').trim();
    const published = await repository().publishFolder({
      source: project('rendered'),
      path: 'sales/customer-orders',
      message: 'Add the starter dbt project of customer-orders',
    });
    expect(published).toEqual({
      commit: git('rev-parse', 'main').trim(),
      created: true,
    });
    expect(commits()).toBe(before + 1);
    expect(git('log', '-1', '--format=%s', 'main').trim()).toBe(
      'Add the starter dbt project of customer-orders',
    );
    expect(
      git('ls-tree', '-r', '--name-only', 'main').trim().split('\n'),
    ).toEqual(
      [
        ...files.split('\n').filter(Boolean),
        'sales/customer-orders/.gitignore',
        'sales/customer-orders/dbt_project.yml',
        'sales/customer-orders/models/cleaned/events.sql',
      ].sort(),
    );
    expect(git('show', 'main:sales/customer-orders/dbt_project.yml')).toBe(
      PROJECT['dbt_project.yml'],
    );
  });

  it('starts the branch of a repository that has none yet', async () => {
    const empty = path.join(dir.path, 'server', 'empty.git');
    execFileSync('git', ['init', '--quiet', '--bare', empty]);
    execFileSync('git', ['config', 'http.receivepack', 'true'], { cwd: empty });
    const published = await repository({
      url: server.url('empty.git'),
    }).publishFolder({
      source: project('rendered'),
      path: 'products/refunds',
      message: 'Add the starter dbt project of refunds',
    });
    expect(published.created).toBe(true);
    expect(
      execFileSync('git', ['ls-tree', '-r', '--name-only', 'main'], {
        cwd: empty,
        encoding: 'utf8',
      }),
    ).toContain('products/refunds/dbt_project.yml');
  });

  it('commits nothing when the folder already holds the same files (a retried task)', async () => {
    const first = await repository().publishFolder({
      source: project('rendered'),
      path: 'sales/customer-orders',
      message: 'first',
    });
    const pushes = server.pushes();
    const again = await repository().publishFolder({
      source: project('rendered'),
      path: 'sales/customer-orders',
      message: 'again',
    });
    expect(again).toEqual({ commit: first.commit, created: false });
    expect(server.pushes()).toBe(pushes);
  });

  it("refuses to write over another project's folder, and changes nothing", async () => {
    await repository().publishFolder({
      source: project('theirs', { 'dbt_project.yml': 'name: theirs\n' }),
      path: 'sales/customer-orders',
      message: 'theirs',
    });
    const head = git('rev-parse', 'main');
    await expect(
      repository().publishFolder({
        source: project('rendered'),
        path: 'sales/customer-orders',
        message: 'mine',
      }),
    ).rejects.toThrow(
      /sales\/customer-orders of .*dbt-starters\.git already holds other files/,
    );
    expect(git('rev-parse', 'main')).toBe(head);
  });

  it('lands every folder when pushes race, none forced', async () => {
    const names = ['a', 'b', 'c', 'd'];
    const before = commits();
    await Promise.all(
      names.map(name =>
        repository().publishFolder({
          source: project(`rendered-${name}`),
          path: `sales/${name}`,
          message: `Add ${name}`,
        }),
      ),
    );
    expect(commits()).toBe(before + names.length);
    const files = git('ls-tree', '-r', '--name-only', 'main');
    for (const name of names) {
      expect(files).toContain(`sales/${name}/dbt_project.yml`);
    }
  });

  describe('on a server that wants credentials for pushes', () => {
    let guarded: GitHttpServer;
    const credentials = { username: 'meshifi', password: 's3cret' };
    beforeEach(async () => {
      guarded = await startGitHttpServer(path.join(dir.path, 'server'), {
        credentials: { ...credentials, pushOnly: true },
      });
    });
    afterEach(() => guarded.stop());

    it('pushes with the settings it is given', async () => {
      const basic = Buffer.from(
        `${credentials.username}:${credentials.password}`,
      ).toString('base64');
      const published = await repository({
        url: guarded.url('dbt-starters.git'),
        settings: { 'http.extraHeader': `Authorization: Basic ${basic}` },
      }).publishFolder({
        source: project('rendered'),
        path: 'sales/customer-orders',
        message: 'with credentials',
      });
      expect(published.created).toBe(true);
    });

    it('says the platform team must give meshifi credentials, without any in the message', async () => {
      const head = git('rev-parse', 'main');
      const failure = repository({
        url: guarded.url('dbt-starters.git'),
      }).publishFolder({
        source: project('rendered'),
        path: 'sales/customer-orders',
        message: 'without credentials',
      });
      await expect(failure).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringMatching(
          /refused meshifi's push of sales\/customer-orders .*tell the platform team/,
        ),
      });
      expect(git('rev-parse', 'main')).toBe(head);
    });
  });

  it('says the repository cannot be reached when its server is down', async () => {
    const url = server.url('dbt-starters.git');
    await server.stop();
    server = await startGitHttpServer(path.join(dir.path, 'other'));
    await expect(
      repository({ url }).publishFolder({
        source: project('rendered'),
        path: 'sales/customer-orders',
        message: 'down',
      }),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(/cannot be reached right now/),
    });
  });
});
