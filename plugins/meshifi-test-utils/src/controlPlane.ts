import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from './repositoryRoot';

const run = promisify(execFile);

/** A private local control plane (see `scripts/control-plane`). */
export interface TestControlPlane {
  /** Its folder: data, certificates and logs. */
  dir: string;
  /** An admin kubeconfig for it. */
  kubeconfigPath: string;
  /** Restarts kube-apiserver on the same port and etcd. */
  restartApiServer(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Whether tests that need a control plane should run: the test command
 * builds the binaries first and says so with MESHIFI_CONTROL_PLANE=available;
 * with MESHIFI_REQUIRE_KUBERNETES=true a missing control plane is an error
 * instead of a skip. A plain `yarn test` skips them, because a cold build of
 * Kubernetes takes minutes.
 */
export function controlPlaneAvailable(): boolean {
  if (process.env.MESHIFI_CONTROL_PLANE === 'available') {
    return true;
  }
  if (process.env.MESHIFI_REQUIRE_KUBERNETES === 'true') {
    throw new Error(
      'MESHIFI_REQUIRE_KUBERNETES=true but the control plane binaries are not built: run ./meshifi test',
    );
  }
  return false;
}

/**
 * Starts a private kube-apiserver + etcd (+ kube-controller-manager) with
 * the Crossplane and GCP provider CRDs in a temporary folder, and with
 * `crossplane: true` also Crossplane core, the composition functions and
 * meshifi's XRDs. The stand-in GCP provider runs only with `standIn: true`:
 * tests that write managed resources' status themselves leave it off.
 * With `flux`, Flux applies the GitOps repository there (a local bare
 * repository, served read-only over HTTP, or an http(s) URL; needs
 * `crossplane`). Nothing is shared with other tests.
 */
export async function startTestControlPlane(
  options: { crossplane?: boolean; standIn?: boolean; flux?: string } = {},
): Promise<TestControlPlane> {
  const root = repositoryRoot();
  const script = join(root, 'scripts', 'control-plane');
  const dir = mkdtempSync(join(tmpdir(), 'meshifi-control-plane-'));
  const exec = (args: string[]) =>
    run('bash', [script, ...args], {
      cwd: root,
      env: { ...process.env, MESHIFI_ROOT: root },
      // Flux's controllers are built on first use: minutes on a cold cache.
      timeout: options.flux ? 900_000 : 180_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  try {
    const flags = [
      ...(options.crossplane ? [] : ['--no-crossplane']),
      ...(options.crossplane && !options.standIn ? ['--no-stand-in'] : []),
      ...(options.flux ? ['--flux', options.flux] : []),
    ];
    await exec(['start', ...flags, dir]);
  } catch (error) {
    await exec(['stop', dir]).catch(() => undefined);
    throw error;
  }
  return {
    dir,
    kubeconfigPath: join(dir, 'kubeconfig'),
    async restartApiServer() {
      await exec(['restart-apiserver', dir]);
    },
    async stop() {
      await exec(['stop', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
