import path from 'path';
import { parseOptions } from './options';

describe('parseOptions', () => {
  it('reads the repository from the flag or the environment, with defaults for the rest', () => {
    const options = parseOptions(
      ['--repository', 'http://127.0.0.1:8080/gitops.git'],
      {},
      '/srv',
    );
    expect(options).toEqual({
      repository: 'http://127.0.0.1:8080/gitops.git',
      branch: 'main',
      intervalMs: 2000,
      mirrorDir: expect.stringMatching(/meshifi-gitops.sync-[0-9a-f]{16}$/),
    });
    expect(
      parseOptions([], { MESHIFI_GITOPS_REPOSITORY: 'git/gitops.git' }, '/srv'),
    ).toMatchObject({ repository: path.resolve('/srv', 'git/gitops.git') });
  });

  it('gives each repository its own mirror', () => {
    const mirror = (repository: string) =>
      (parseOptions(['--repository', repository], {}) as { mirrorDir: string })
        .mirrorDir;
    expect(mirror('/a.git')).not.toBe(mirror('/b.git'));
  });

  it('takes the interval from the flag before the environment, and every other flag', () => {
    expect(
      parseOptions(
        [
          '--repository=/r.git',
          '--branch=live',
          '--interval-ms=500',
          '--kubeconfig=kc',
          '--mirror-dir=m',
        ],
        { MESHIFI_GITOPS_SYNC_INTERVAL_MS: '900' },
        '/srv',
      ),
    ).toEqual({
      repository: '/r.git',
      branch: 'live',
      intervalMs: 500,
      kubeconfig: 'kc',
      mirrorDir: '/srv/m',
    });
    expect(
      parseOptions(['--repository=/r.git'], {
        MESHIFI_GITOPS_SYNC_INTERVAL_MS: '900',
      }),
    ).toMatchObject({ intervalMs: 900 });
  });

  it('takes the safety options: the loop’s namespace, the prune limit and an accepted head', () => {
    const head = 'A'.repeat(40);
    expect(
      parseOptions(
        [
          '--repository=/r.git',
          '--namespace=meshifi-system',
          '--max-prune-percent=10',
          `--accept-head=${head}`,
        ],
        {},
      ),
    ).toMatchObject({
      namespace: 'meshifi-system',
      maxPrunePercent: 10,
      acceptHead: head.toLowerCase(),
    });
    expect(
      parseOptions(['--repository=/r.git', '--max-prune-percent=0'], {}),
    ).toMatchObject({ maxPrunePercent: 0 });
  });

  it.each([
    [[], {}, /Give the GitOps repository[\s\S]*Usage:/],
    [['--repository=/r', '--max-prune-percent=101'], {}, /from 0 to 100/],
    [['--repository=/r', '--max-prune-percent=-1'], {}, /from 0 to 100/],
    [['--repository=/r', '--max-prune-percent=2.5'], {}, /from 0 to 100/],
    [['--repository=/r', '--accept-head=abc123'], {}, /full commit id/],
    [['--repository=/r', '--accept-head=HEAD~1'], {}, /full commit id/],
    [['--repository=/r', '--namespace=Kube_System'], {}, /namespace name/],
    [['--repository=/r', '--interval-ms=10'], {}, /at least 100/],
    [
      ['--repository=/r'],
      { MESHIFI_GITOPS_SYNC_INTERVAL_MS: 'x' },
      /MESHIFI_GITOPS_SYNC_INTERVAL_MS/,
    ],
    [['--repo=/r'], {}, /Unknown option '--repo'/],
  ])('refuses %p %p, saying why', (argv, env, message) => {
    expect(() => parseOptions(argv, env)).toThrow(message);
  });

  it('asks for the usage with --help', () => {
    expect(parseOptions(['-h'], {})).toBe('help');
  });
});
