/*
 * The local control plane of scripts/control-plane, for benchmarks that run
 * the whole way from Git to Ready: kube-apiserver and etcd, Crossplane with
 * meshifi's APIs, the stand-in GCP provider, and Flux applying a repository
 * the benchmark serves. And Backstage's way into it: a service account bound
 * to the RBAC that @meshifi/plugin-meshifi-backend ships.
 */
import {
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { repositoryRoot as root } from './repositoryRoot';

const run = promisify(execFile);

/**
 * The binaries the control plane needs that are not built yet. Checked
 * without the scripts' ensure_* functions: those would build what is missing
 * from source, which takes many minutes.
 */
export async function missingControlPlaneBinaries(): Promise<string[]> {
  const check = `
    source scripts/lib/control-plane.sh
    tools="$MESHIFI_CACHE/go-tools"
    has() { [ -x "$2" ] || echo "$1"; }
    has kube-apiserver "$(kubernetes_build_root)/bin/kube-apiserver"
    has kubectl "$(kubernetes_build_root)/bin/kubectl"
    has kube-controller-manager "$(kubernetes_build_root)/bin/kube-controller-manager"
    has etcd "$tools/etcd-$MESHIFI_ETCD_VERSION/bin/etcd"
    has crossplane-core "$tools/crossplane-$MESHIFI_CROSSPLANE_VERSION/bin/crossplane-core"
    has function-auto-ready "$tools/function-auto-ready-$MESHIFI_FUNCTION_AUTO_READY_VERSION/bin/function-auto-ready"
    has source-controller "$(flux_root)/bin/source-controller"
    has kustomize-controller "$(flux_root)/bin/kustomize-controller"
  `;
  const { stdout } = await run('bash', ['-c', check], {
    cwd: root,
    env: { ...process.env, MESHIFI_ROOT: root },
  });
  return stdout.split('\n').filter(Boolean);
}

/** The scripts' messages name folders of this machine: not for the output. */
function withoutPaths(text: string, dir: string): string {
  return text
    .split(dir)
    .join('<control plane>')
    .split(root)
    .join('<repository>')
    .split(os.homedir())
    .join('~');
}

export interface LocalControlPlane {
  /** An admin kubeconfig. */
  admin: KubeConfig;
  stop(): Promise<void>;
}

/**
 * Starts a private control plane in a temporary folder with Crossplane, the
 * stand-in provider taking `standInDelayMs` per create, and Flux applying
 * the repository at `gitopsUrl`, looking for commits every `pollIntervalMs`,
 * as `scripts/control-plane start --flux URL` does for a developer.
 */
export async function startLocalControlPlane(options: {
  gitopsUrl: string;
  standInDelayMs: number;
  pollIntervalMs: number;
}): Promise<LocalControlPlane> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'meshifi-bench-cp-'));
  const script = path.join(root, 'scripts', 'control-plane');
  const exec = (args: string[]) =>
    run('bash', [script, ...args], {
      cwd: root,
      env: {
        ...process.env,
        MESHIFI_ROOT: root,
        MESHIFI_STAND_IN_DELAY_MS: String(options.standInDelayMs),
        MESHIFI_FLUX_INTERVAL: `${options.pollIntervalMs}ms`,
      },
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  const stop = async () => {
    await exec(['stop', dir]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await exec(['start', '--flux', options.gitopsUrl, dir]);
  } catch (error) {
    const { stdout = '', stderr = '' } = error as {
      stdout?: string;
      stderr?: string;
    };
    await stop();
    throw new Error(
      `scripts/control-plane start failed:\n${withoutPaths(
        `${stdout}${stderr}`,
        dir,
      )}`,
    );
  }
  const admin = new KubeConfig();
  admin.loadFromFile(path.join(dir, 'kubeconfig'));
  return { admin, stop };
}

/**
 * Stops Crossplane in the control plane at `dir` and leaves its CRDs and
 * meshifi's XRDs: for benchmarks in which only the benchmark writes the
 * products' resources. Throws when Crossplane still runs.
 */
export function stopCrossplane(dir: string): void {
  execFileSync(
    'bash',
    [
      '-c',
      'source scripts/lib/control-plane.sh; stop_crossplane "$1"; ! process_alive "$1/run/crossplane.pid"',
      '_',
      dir,
    ],
    {
      cwd: root,
      env: { ...process.env, MESHIFI_ROOT: root },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
}

/** The shipped RBAC manifests of the meshifi backend plugin. */
const rbacManifest = (file: string) =>
  parse(
    readFileSync(path.join(root, 'plugins/meshifi-backend/rbac', file), 'utf8'),
  );

/**
 * kubernetes.clusterLocatorMethods for a backend that reads the cluster as
 * production does: the service account backstage/backstage, bound to the
 * ClusterRole the plugin ships, with a token of it (as
 * scripts/lib/backstage-cluster.sh makes for the local backend).
 */
export async function backstageClusterLocator(admin: KubeConfig) {
  const core = admin.makeApiClient(CoreV1Api);
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
  await core.createNamespace({ body: { metadata: { name: 'backstage' } } });
  await core.createNamespacedServiceAccount({
    namespace: 'backstage',
    body: { metadata: { name: 'backstage' } },
  });
  await rbac.createClusterRole({ body: rbacManifest('clusterrole.yaml') });
  await rbac.createClusterRoleBinding({
    body: rbacManifest('clusterrolebinding.yaml'),
  });
  const request = await core.createNamespacedServiceAccountToken({
    name: 'backstage',
    namespace: 'backstage',
    body: { spec: { audiences: [], expirationSeconds: 24 * 3600 } },
  });
  const cluster = admin.getCurrentCluster()!;
  return [
    {
      type: 'config',
      clusters: [
        {
          name: 'local',
          url: cluster.server,
          authProvider: 'serviceAccount',
          serviceAccountToken: request.status!.token,
          caData: cluster.caData,
        },
      ],
    },
  ];
}
