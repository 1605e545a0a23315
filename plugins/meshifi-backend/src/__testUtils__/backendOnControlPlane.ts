/*
 * What the tests that run the backend against a real local control plane
 * share: the control plane with Backstage's service account bound to the
 * RBAC this package ships, the cluster config that points the backend at
 * it, a provider's status writes and the provisioning route's report.
 * Waiting for a condition is @meshifi/test-utils' eventually.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  apiResourceOf,
  Condition,
  CROSSPLANE_LABELS,
  kindOf,
  KubernetesObject,
  MANAGED_KINDS,
  ProvisioningReport,
} from '@meshifi/common';
import { startTestControlPlane, TestControlPlane } from '@meshifi/test-utils';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';

/** The service account the shipped ClusterRoleBinding names. */
export const BACKSTAGE_SERVICE_ACCOUNT = {
  name: 'backstage',
  namespace: 'backstage',
};

/** Creates the objects of a YAML file of this package's rbac/ folder. */
async function applyRbac(admin: KubeConfig, file: string) {
  const api = KubernetesObjectApi.makeApiClient(admin);
  const path = join(__dirname, '..', '..', 'rbac', file);
  for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
    await api.create(doc.toJSON());
  }
}

/**
 * Creates Backstage's service account, binds it to the RBAC this package
 * ships, and returns a token for it: the backend then reads the cluster
 * with exactly the rights a platform engineer grants it.
 */
export async function grantBackstageAccess(admin: KubeConfig): Promise<string> {
  const core = admin.makeApiClient(CoreV1Api);
  await core.createNamespace({
    body: { metadata: { name: BACKSTAGE_SERVICE_ACCOUNT.namespace } },
  });
  await core.createNamespacedServiceAccount({
    namespace: BACKSTAGE_SERVICE_ACCOUNT.namespace,
    body: { metadata: { name: BACKSTAGE_SERVICE_ACCOUNT.name } },
  });
  await applyRbac(admin, 'clusterrole.yaml');
  await applyRbac(admin, 'clusterrolebinding.yaml');
  const tokenRequest = await core.createNamespacedServiceAccountToken({
    ...BACKSTAGE_SERVICE_ACCOUNT,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  return tokenRequest.status!.token;
}

/** A local control plane with Crossplane, for the backend to read. */
export interface BackendControlPlane {
  controlPlane: TestControlPlane;
  /** The cluster admin's config: what a test writes with. */
  admin: KubeConfig;
  /** A token of Backstage's service account: what the backend reads with. */
  token: string;
}

/**
 * Starts a control plane with Crossplane and grants Backstage's service
 * account the RBAC this package ships.
 */
export async function startBackendControlPlane(): Promise<BackendControlPlane> {
  const controlPlane = await startTestControlPlane({ crossplane: true });
  const admin = new KubeConfig();
  admin.loadFromFile(controlPlane.kubeconfigPath);
  return { controlPlane, admin, token: await grantBackstageAccess(admin) };
}

/** A signed-in user's request for a product's provisioning report. */
export const provisioningRequest = (backend: { server: any }, name: string) =>
  request(backend.server)
    .get(`/api/meshifi/products/default/${name}/provisioning`)
    .set('Authorization', mockCredentials.user.header());

/** A product's provisioning report, as a signed-in user gets it. */
export async function provisioningReportOf(
  backend: { server: any },
  name: string,
): Promise<ProvisioningReport> {
  const res = await provisioningRequest(backend, name);
  if (res.status !== 200) {
    throw new Error(
      `the provisioning route answered ${res.status}: ${JSON.stringify(
        res.body,
      )}`,
    );
  }
  return res.body;
}

/** The `kubernetes` config that points the backend at the admin's cluster. */
export function clusterConfig(
  admin: KubeConfig,
  options: { token: string; url?: string },
) {
  const cluster = admin.getCurrentCluster()!;
  return {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'local',
            url: options.url ?? cluster.server,
            authProvider: 'serviceAccount',
            serviceAccountToken: options.token,
            caData: cluster.caData,
          },
        ],
      },
    ],
  };
}

/**
 * The group, version and plural of an object's kind, from the table of
 * kinds: what the custom-objects client takes to write it.
 */
export function apiResourceOfObject(object: {
  apiVersion: string;
  kind: string;
}) {
  const kind = kindOf(object);
  if (!kind) {
    throw new Error(
      `${object.apiVersion} ${object.kind} is not in the table of kinds of @meshifi/common`,
    );
  }
  return apiResourceOf(kind);
}

/** The managed resources Crossplane composed for an XR, by its label. */
export async function composedFor(
  admin: KubeConfig,
  xr: string,
  namespace = 'default',
): Promise<KubernetesObject[]> {
  const custom = admin.makeApiClient(CustomObjectsApi);
  const lists = await Promise.all(
    MANAGED_KINDS.map(kind =>
      custom.listNamespacedCustomObject({
        ...apiResourceOf(kind),
        namespace,
        labelSelector: `${CROSSPLANE_LABELS.composite}=${xr}`,
      }),
    ),
  );
  return lists.flatMap(list => list.items as KubernetesObject[]);
}

/** Writes a managed resource's status as provider-gcp would. */
export async function provideStatus(
  admin: KubeConfig,
  object: KubernetesObject,
  conditions: Condition[],
  atProvider?: Record<string, unknown>,
) {
  const now = new Date().toISOString();
  await admin.makeApiClient(CustomObjectsApi).patchNamespacedCustomObjectStatus(
    {
      ...apiResourceOfObject(object),
      namespace: object.metadata.namespace!,
      name: object.metadata.name,
      body: {
        status: {
          conditions: conditions.map(c => ({ lastTransitionTime: now, ...c })),
          ...(atProvider ? { atProvider } : {}),
        },
      },
    },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
}

/**
 * The Flux Kustomization CRD, where scripts/lib/flux.sh (ensure_flux_crds)
 * copies it in meshifi's cache folder: FLUX_CRDS_DIR, or the newest
 * go-tools/flux-<version>/crds. Undefined when Flux was never set up on
 * this machine: no test downloads it.
 */
export function fluxKustomizationCrdFile(): string | undefined {
  const file = 'kustomize.toolkit.fluxcd.io_kustomizations.yaml';
  if (process.env.FLUX_CRDS_DIR) {
    const path = join(process.env.FLUX_CRDS_DIR, file);
    return existsSync(path) ? path : undefined;
  }
  const cache =
    process.env.MESHIFI_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'meshifi');
  const tools = join(cache, 'go-tools');
  const versions = existsSync(tools)
    ? readdirSync(tools)
        .filter(name => name.startsWith('flux-'))
        .sort()
        .reverse()
    : [];
  return versions
    .map(version => join(tools, version, 'crds', file))
    .find(path => existsSync(path));
}

/** Creates the CustomResourceDefinitions of a YAML file. */
export async function installCrds(admin: KubeConfig, file: string) {
  const api = KubernetesObjectApi.makeApiClient(admin);
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    await api.create(doc.toJSON());
  }
}
