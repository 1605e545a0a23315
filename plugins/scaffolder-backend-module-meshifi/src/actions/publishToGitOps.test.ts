import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  dataAccessManifest,
  dataProductManifest,
  MESHIFI_ANNOTATIONS,
} from '@meshifi/common';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import { GitOpsRepository, GITOPS_PUSHED_TOPIC } from '@meshifi/node';
import { execFileSync } from 'child_process';
import path from 'path';
import { stringify } from 'yaml';
import { useGitOpsServer } from '../__testUtils__/gitOpsServer';
import { publishToGitOpsAction, webLinks } from './publishToGitOps';

const file = 'domains/sales/products/orders.yaml';

const productYaml = (name: string, domain: string, owner: string) => {
  const product = dataProductManifest({
    info: { name, version: '1.0.0' },
    access: { owners: ['ana@example.com'] },
    domain,
  });
  product.metadata.annotations = { [MESHIFI_ANNOTATIONS.owner]: owner };
  return stringify(product);
};
const manifest = (owner: string) => productYaml('orders', 'sales', owner);

const catalog = catalogServiceMock({
  entities: [
    ...['sales', 'finance'].map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: { name },
      spec: { owner: `group:default/${name}` },
    })),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'ana' },
      spec: { profile: { email: 'ana@example.com' } },
    },
  ],
});
const tenancy = (
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) => ({
  catalog,
  permissions: mockServices.permissions({ result }),
  settings: { allowedProjects: [], allowedEmailDomains: [] },
});

describe('meshifi:gitops:publish', () => {
  const dir = createMockDirectory();
  const gitops = useGitOpsServer(dir);

  const commits = () =>
    execFileSync('git', ['log', '--format=%s', 'main'], {
      cwd: gitops.remote,
      encoding: 'utf8',
    })
      .trim()
      .split('\n');

  function run(
    content: string,
    options: {
      mirror?: string;
      dryRun?: boolean;
      timeoutMs?: number;
      at?: string;
      permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      events?: EventsService;
    } = {},
  ) {
    const workspace = path.join(dir.path, `ws-${options.mirror ?? 'a'}`);
    const at = options.at ?? file;
    execFileSync('mkdir', ['-p', path.dirname(path.join(workspace, at))]);
    require('fs').writeFileSync(path.join(workspace, at), content);
    const ctx = createMockActionContext({
      workspacePath: workspace,
      input: { filePath: at, message: 'Add orders' },
    }) as any;
    ctx.isDryRun = options.dryRun;
    const action = publishToGitOpsAction({
      repository: new GitOpsRepository({
        remote: gitops.server.url('gitops.git'),
        branch: 'main',
        mirrorDir: path.join(dir.path, `mirror-${options.mirror ?? 'a'}`),
        author: { name: 'meshifi', email: 'meshifi@localhost' },
        timeoutMs: options.timeoutMs,
      }),
      ...tenancy(options.permission),
      events: options.events,
    });
    return { ctx, done: action.handler(ctx) };
  }

  it('commits and pushes the manifest', async () => {
    const { ctx, done } = run(manifest('group:default/sales'));
    await done;
    expect(ctx.output).toHaveBeenCalledWith('created', true);
    expect(commits()).toEqual([
      'Add orders',
      'Start the meshifi GitOps repository',
    ]);
    expect(
      execFileSync('git', ['show', `main:${file}`], {
        cwd: gitops.remote,
        encoding: 'utf8',
      }),
    ).toBe(manifest('group:default/sales'));
  });

  it('announces the push on the events service, once', async () => {
    const events = mockServices.events();
    const announced: EventParams[] = [];
    await events.subscribe({
      id: 'test',
      topics: [GITOPS_PUSHED_TOPIC],
      onEvent: async event => {
        announced.push(event);
      },
    });
    const { ctx, done } = run(manifest('group:default/sales'), { events });
    await done;
    const commit = (ctx.output as jest.Mock).mock.calls.find(
      c => c[0] === 'commit',
    )[1];
    expect(announced).toEqual([
      {
        topic: GITOPS_PUSHED_TOPIC,
        eventPayload: {
          remote: gitops.server.url('gitops.git'),
          branch: 'main',
          commit,
          path: file,
        },
      },
    ]);
    // A task run again commits nothing, and announces nothing.
    await run(manifest('group:default/sales'), { mirror: 'b', events }).done;
    expect(announced).toHaveLength(1);
  });

  it('does not commit twice when a task runs again', async () => {
    await run(manifest('group:default/sales')).done;
    const again = run(manifest('group:default/sales'), { mirror: 'b' });
    await again.done;
    expect(again.ctx.output).toHaveBeenCalledWith('created', false);
    expect(commits()).toHaveLength(2);
  });

  it('never overwrites another product, and names its owner', async () => {
    await run(manifest('group:default/finance')).done;
    await expect(
      run(manifest('group:default/sales'), { mirror: 'b' }).done,
    ).rejects.toThrow(
      `${file} already exists in the GitOps repository, owned by group:default/finance. Nothing was changed: pick another name.`,
    );
    expect(commits()).toHaveLength(2);
  });

  it('refuses a file whose path is not its content, and commits nothing', async () => {
    await expect(
      run(manifest('group:default/sales'), {
        at: 'domains/aaa/products/orders.yaml',
      }).done,
    ).rejects.toThrow(
      'domains/aaa/products/orders.yaml holds DataProduct "orders", whose place is domains/sales/products/orders.yaml',
    );
    expect(commits()).toHaveLength(1);
  });

  it('never publishes an access grant, which only its owners approve, even where the initiator may publish', async () => {
    const grant = dataAccessManifest('orders-abcdefgh', 'sales', {
      product: 'orders',
      consumer: { type: 'user', email: 'ana@example.com' },
      purpose: 'Read the orders of my region',
      expires: '2099-12-31',
    });
    await expect(
      run(stringify(grant), { at: 'domains/sales/access/orders-abcdefgh.yaml' })
        .done,
    ).rejects.toThrow(
      'domains/sales/access/orders-abcdefgh.yaml is an access grant: grants are not published by templates.',
    );
    expect(commits()).toHaveLength(1);
  });

  it('authorizes with the initiator, whichever template wrote the file', async () => {
    await expect(
      run(manifest('group:default/sales'), {
        permission: AuthorizeResult.DENY,
      }).done,
    ).rejects.toThrow(
      'You are not in the sales team, which owns the domain "sales"',
    );
    expect(commits()).toHaveLength(1);
  });

  it('refuses a product name that another domain has in git', async () => {
    await run(productYaml('orders', 'finance', 'group:default/finance'), {
      at: 'domains/finance/products/orders.yaml',
    }).done;
    await expect(
      run(manifest('group:default/sales'), { mirror: 'b' }).done,
    ).rejects.toThrow(
      'A data product named "orders" already exists (domains/finance/products/orders.yaml)',
    );
    expect(commits()).toHaveLength(2);
  });

  it('commits nothing in a dry run', async () => {
    const { ctx, done } = run(manifest('group:default/sales'), {
      dryRun: true,
    });
    await done;
    expect(ctx.output).toHaveBeenCalledWith('commit', 'dry-run');
    expect(commits()).toHaveLength(1);
  });

  it('says clearly when the git server is down, leaving no commit', async () => {
    await gitops.server.stop();
    await expect(run(manifest('group:default/sales')).done).rejects.toThrow(
      /The GitOps repository cannot be reached right now.*Nothing was changed: try again in a few minutes/,
    );
    expect(commits()).toHaveLength(1);
  });

  it('gives up on a slow server with the same clear message', async () => {
    gitops.server.setDelay(2_000);
    await expect(run(manifest('x'), { timeoutMs: 300 }).done).rejects.toThrow(
      /cannot be reached right now \(git fetch failed: timed out after 300 ms\)/,
    );
  });

  it('refuses files outside the GitOps layout', async () => {
    const ctx = createMockActionContext({
      workspacePath: dir.path,
      input: { filePath: '../../etc/passwd' },
    }) as any;
    await expect(publishToGitOpsAction(tenancy()).handler(ctx)).rejects.toThrow(
      'meshifi has no GitOps repository configured',
    );
    const configured = publishToGitOpsAction({
      repository: new GitOpsRepository({
        remote: gitops.server.url('gitops.git'),
        branch: 'main',
        mirrorDir: path.join(dir.path, 'm'),
        author: { name: 'x', email: 'x@localhost' },
      }),
      ...tenancy(),
    });
    await expect(configured.handler(ctx)).rejects.toThrow(
      '../../etc/passwd is not where meshifi keeps manifests.',
    );
  });
});

describe('webLinks', () => {
  it('links GitHub and GitLab commits and files, and nothing else', () => {
    expect(
      webLinks('https://github.com/acme/gitops.git', 'main', 'abc', 'a/b.yaml'),
    ).toEqual({
      commitUrl: 'https://github.com/acme/gitops/commit/abc',
      fileUrl: 'https://github.com/acme/gitops/blob/main/a/b.yaml',
    });
    expect(
      webLinks('https://gitlab.com/acme/gitops', 'main', 'abc', 'a.yaml'),
    ).toEqual({
      commitUrl: 'https://gitlab.com/acme/gitops/-/commit/abc',
      fileUrl: 'https://gitlab.com/acme/gitops/-/blob/main/a.yaml',
    });
    expect(webLinks('/srv/gitops.git', 'main', 'abc', 'a.yaml')).toEqual({});
  });
});
