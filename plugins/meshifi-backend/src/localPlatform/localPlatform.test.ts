/*
 * The local platform of `./meshifi start`, end to end: the start script's
 * library (scripts/lib/local-platform.sh) decides the cluster's address,
 * CA and token before the cluster exists; a backend configured with them
 * says "starting", and once the platform is up in the background (real
 * kube-apiserver, Crossplane, the stand-in provider, Flux applying the
 * GitOps repository with the sample products) the same backend reads it,
 * without a restart, as the service account the shipped RBAC binds.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { controlPlaneAvailable, eventually } from '@meshifi/test-utils';
import { initGitOpsRepository } from '@meshifi/node';
import { readClusterConfigs } from '@meshifi/node/kubernetes';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ProvisioningService } from '../ProvisioningService';

const run = promisify(execFile);
const describeIf = controlPlaneAvailable() ? describe : describe.skip;

function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'scripts', 'lib', 'local-platform.sh'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error('cannot find scripts/lib/local-platform.sh');
    }
    dir = parent;
  }
  return dir;
}

describeIf('the local platform of ./meshifi start', () => {
  const root = repositoryRoot();
  let dir: string;
  const bash = (script: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
    run(
      'bash',
      [
        '-c',
        `set -euo pipefail; source "$MESHIFI_ROOT/scripts/lib/local-platform.sh"; ${script}`,
        'local-platform-test',
        ...args,
      ],
      {
        env: { ...process.env, MESHIFI_ROOT: root, ...env },
        timeout: 300_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'meshifi-local-platform-'));
  });

  afterEach(async () => {
    await run('bash', [
      join(root, 'scripts', 'control-plane'),
      'stop',
      join(dir, 'control-plane'),
    ]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('is read, once up, by a backend started before it', async () => {
    const clusterDir = join(dir, 'control-plane');
    const statusFile = join(dir, 'local-platform.json');
    const prepared = await bash(
      'prepare_local_platform "$1" "$2" >&2; printf "%s\\n" "$APP_CONFIG_kubernetes_clusterLocatorMethods" "$MESHIFI_KUBE_APISERVER_PORT" "$MESHIFI_KUBE_TOKEN_AUTH_FILE"',
      [clusterDir, statusFile],
    );
    const [clusters, port, tokenFile] = prepared.stdout.trim().split('\n');
    expect(JSON.parse(readFileSync(statusFile, 'utf8'))).toEqual({
      state: 'starting',
    });

    const logger = mockServices.logger.mock();
    const service = ProvisioningService.fromClusters({
      clusters: readClusterConfigs(
        new ConfigReader({
          kubernetes: { clusterLocatorMethods: JSON.parse(clusters) },
        }),
        logger,
      ),
      platform: { project: 'meshifi-platform', location: 'EU' },
      logger,
      localPlatformStatusFile: statusFile,
    });
    const target = { namespace: 'sales', name: 'customer-orders' };
    try {
      await service.start();
      expect(service.report(target).state).toBe('platform-starting');

      // The GitOps repository as the backend creates it on first start,
      // with app-config.yaml's initial content: the sample data mesh.
      const repository = join(dir, 'gitops.git');
      await initGitOpsRepository(
        repository,
        'main',
        { name: 'meshifi', email: 'meshifi@localhost' },
        { folder: join(root, 'examples', 'gitops') },
      );
      await bash(
        'start_local_platform_in_background "$@"',
        [clusterDir, repository, statusFile, join(dir, 'start.log')],
        {
          MESHIFI_KUBE_APISERVER_PORT: port,
          MESHIFI_KUBE_TOKEN_AUTH_FILE: tokenFile,
        },
      );
      const status = await eventually(
        () => {
          const { state } = JSON.parse(readFileSync(statusFile, 'utf8'));
          expect(state).not.toBe('starting');
          return state as string;
        },
        {
          timeoutMs: 300_000,
          context: () => readFileSync(join(dir, 'start.log'), 'utf8'),
        },
      );
      expect(status).toBe('ready');

      // The sample product, applied by Flux, composed by Crossplane and made
      // Ready by the stand-in provider, read by the watches that were failing
      // until now.
      const report = await eventually(
        () => {
          const current = service.report(target);
          expect(current.state).toBe('ready');
          return current;
        },
        { timeoutMs: 120_000 },
      );
      expect(report.clusters).toEqual([{ name: 'local', connection: 'live' }]);
      expect(report.resources.filter(r => r.role === 'dataset')).toHaveLength(
        3,
      );
    } finally {
      await service.stop();
    }
  }, 600_000);
});
