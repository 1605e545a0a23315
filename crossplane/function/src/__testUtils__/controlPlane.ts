import { startTestControlPlane } from '@meshifi/test-utils';
import { execFile } from 'child_process';
import { promisify } from 'util';
import { repoRoot } from '../testing/paths';

const run = promisify(execFile);

/** A Kubernetes object as kubectl prints it. */
export interface ClusterObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    generation?: number;
    labels?: Record<string, string>;
    ownerReferences?: { kind: string; name: string; uid: string }[];
    deletionTimestamp?: string;
  };
  spec?: any;
  status?: {
    conditions?: {
      type: string;
      status: string;
      reason?: string;
      message?: string;
      observedGeneration?: number;
    }[];
  };
}

/** A private control plane with real Crossplane and meshifi's APIs (scripts/control-plane). */
export interface ControlPlane {
  /** Runs kubectl against it; `input` goes to its stdin. */
  kubectl(args: string[], input?: string): Promise<string>;
  /** Creates objects (kubectl create). */
  create(...objects: unknown[]): Promise<void>;
  /** An object, or undefined when it does not exist. */
  get(
    resource: string,
    name: string,
    namespace?: string,
  ): Promise<ClusterObject | undefined>;
  /** The objects of a resource type in all namespaces. */
  list(resource: string, selector?: string): Promise<ClusterObject[]>;
  stop(): Promise<void>;
}

/** The kubectl the control plane scripts build alongside kube-apiserver. */
async function kubectlPath(): Promise<string> {
  const { stdout } = await run(
    'bash',
    ['-c', 'source scripts/lib/control-plane.sh && ensure_kubectl'],
    {
      cwd: repoRoot,
      env: { ...process.env, MESHIFI_ROOT: repoRoot },
      timeout: 600_000,
    },
  );
  return stdout.trim().split('\n').pop()!;
}

/**
 * Starts a private control plane with real Crossplane, the meshifi function
 * as bundled from this repository's sources, and meshifi's XRDs and
 * Compositions. No stand-in provider unless `standIn`: without it managed
 * resources stay unready. `crossplane: false` starts only the API server
 * (and the controller manager), with the CRDs, for tests of RBAC.
 */
export async function startControlPlane(
  options: { standIn?: boolean; crossplane?: boolean } = {},
): Promise<ControlPlane> {
  const plane = await startTestControlPlane({
    crossplane: options.crossplane ?? true,
    standIn: options.standIn,
  });
  let kubectlBin: string;
  try {
    kubectlBin = await kubectlPath();
  } catch (error) {
    await plane.stop();
    throw error;
  }
  const kubectl = async (args: string[], input?: string) => {
    const child = run(kubectlBin, args, {
      env: { ...process.env, KUBECONFIG: plane.kubeconfigPath },
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    if (input !== undefined) {
      child.child.stdin?.end(input);
    }
    return (await child).stdout;
  };
  return {
    kubectl,
    async create(...objects) {
      await kubectl(
        ['create', '-f', '-'],
        JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }),
      );
    },
    async get(resource, name, namespace) {
      const args = ['get', resource, name, '-o', 'json', '--ignore-not-found'];
      const out = await kubectl(
        namespace ? [...args, '--namespace', namespace] : args,
      );
      return out.trim() ? (JSON.parse(out) as ClusterObject) : undefined;
    },
    async list(resource, selector) {
      const args = ['get', resource, '--all-namespaces', '-o', 'json'];
      const out = await kubectl(
        selector ? [...args, '--selector', selector] : args,
      );
      return JSON.parse(out).items as ClusterObject[];
    },
    stop: () => plane.stop(),
  };
}

/** A condition of an object, if it has it. */
export const conditionOf = (object: ClusterObject | undefined, type: string) =>
  object?.status?.conditions?.find(c => c.type === type);
