/*
 * The capabilities' RBAC on a real kube-apiserver: Crossplane's identity on
 * a cluster (the service account crossplane in crossplane-system, bound to
 * the ClusterRole crossplane that aggregates every role labelled
 * rbac.crossplane.io/aggregate-to-crossplane, as Crossplane's Helm chart
 * makes them) is given deploy/crossplane/capabilities-rbac.yaml, and the API
 * server's SubjectAccessReviews say what it may do in a domain's namespace.
 * kube-controller-manager's ClusterRole aggregation gathers the rules, as on
 * a cluster. The chart's role also aggregates Crossplane's own base rules
 * (which include secrets, for connection details); they are left out here so
 * that what is allowed is what the capabilities' role gives, and no more.
 */
import {
  CAPABILITIES,
  CAPABILITIES_CLUSTER_ROLE,
  composeCapability,
  DataDomain,
  DataProduct,
  productContextOf,
} from '@meshifi/common';
import { controlPlaneAvailable, eventually } from '@meshifi/test-utils';
import { promises as fs } from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { ControlPlane, startControlPlane } from './__testUtils__/controlPlane';
import { PACKAGED_PLATFORM } from './compositions';
import { crossplaneDir, repoRoot } from './testing/paths';
import { SALES_CAPABILITY_SETTINGS } from './testing/platformCapabilities';

jest.setTimeout(300_000);

const describeIf = controlPlaneAvailable() ? describe : describe.skip;

const CROSSPLANE = {
  namespace: 'crossplane-system',
  serviceAccount: 'crossplane',
  user: 'system:serviceaccount:crossplane-system:crossplane',
};
const AGGREGATE_LABEL = 'rbac.crossplane.io/aggregate-to-crossplane';
const DOMAIN_NAMESPACE = 'sales';
const GCP_GROUP_SUFFIX = '.gcp.m.upbound.io';

/** Crossplane's identity and role, as its Helm chart makes them, without its base rules. */
const crossplaneIdentity = [
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: CROSSPLANE.namespace },
  },
  {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: CROSSPLANE.serviceAccount,
      namespace: CROSSPLANE.namespace,
    },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'crossplane' },
    aggregationRule: {
      clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_LABEL]: 'true' } }],
    },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'crossplane' },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'crossplane',
    },
    subjects: [
      {
        kind: 'ServiceAccount',
        name: CROSSPLANE.serviceAccount,
        namespace: CROSSPLANE.namespace,
      },
    ],
  },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: DOMAIN_NAMESPACE } },
];

type Access = {
  group: string;
  resource: string;
  verb: string;
  subresource?: string;
};

/** What Crossplane does with a composed resource. */
const MANAGE = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/** The kinds the capabilities compose that no provider's role covers, as resources. */
const COMPOSED = [
  { kind: 'ConfigMap', group: '', resource: 'configmaps' },
  { kind: 'ServiceAccount', group: '', resource: 'serviceaccounts' },
  { kind: 'CronJob', group: 'batch', resource: 'cronjobs' },
  { kind: 'Request', group: 'http.m.crossplane.io', resource: 'requests' },
];

/** What the capabilities' role must not give Crossplane. */
const FORBIDDEN: Access[] = [
  ...['get', 'list', 'watch', 'create', 'update', 'delete'].map(verb => ({
    group: '',
    resource: 'secrets',
    verb,
  })),
  { group: '', resource: 'pods', verb: 'create' },
  { group: '', resource: 'pods', verb: 'create', subresource: 'exec' },
  {
    group: '',
    resource: 'serviceaccounts',
    verb: 'create',
    subresource: 'token',
  },
  { group: 'batch', resource: 'jobs', verb: 'create' },
  { group: 'apps', resource: 'deployments', verb: 'create' },
  {
    group: 'rbac.authorization.k8s.io',
    resource: 'rolebindings',
    verb: 'create',
  },
  { group: 'rbac.authorization.k8s.io', resource: 'roles', verb: 'escalate' },
  { group: '', resource: 'namespaces', verb: 'delete' },
];

describeIf("the capabilities' RBAC on a real API server", () => {
  let cluster: ControlPlane;
  /** Whether Crossplane could create each kind of COMPOSED before the role was applied. */
  let allowedBefore: boolean[] = [];

  /** The API server's answer to a SubjectAccessReview for Crossplane's identity. */
  const allowed = async (access: Access) => {
    const review = JSON.parse(
      await cluster.kubectl(
        ['create', '-o', 'json', '-f', '-'],
        JSON.stringify({
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SubjectAccessReview',
          spec: {
            user: CROSSPLANE.user,
            groups: [
              'system:serviceaccounts',
              `system:serviceaccounts:${CROSSPLANE.namespace}`,
              'system:authenticated',
            ],
            resourceAttributes: {
              namespace: DOMAIN_NAMESPACE,
              group: access.group,
              resource: access.resource,
              verb: access.verb,
              ...(access.subresource
                ? { subresource: access.subresource }
                : {}),
            },
          },
        }),
      ),
    );
    return review.status.allowed === true;
  };

  beforeAll(async () => {
    cluster = await startControlPlane({ crossplane: false });
    await cluster.create(...crossplaneIdentity);
    allowedBefore = await Promise.all(
      COMPOSED.map(({ group, resource }) =>
        allowed({ group, resource, verb: 'create' }),
      ),
    );
    await cluster.kubectl([
      'apply',
      '-f',
      path.join(repoRoot, 'deploy', 'crossplane', 'capabilities-rbac.yaml'),
    ]);
  }, 10 * 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('gives Crossplane nothing of it before it is applied', () => {
    expect(allowedBefore).toEqual(COMPOSED.map(() => false));
  });

  it("is aggregated into Crossplane's ClusterRole", async () => {
    const shipped = parse(
      await fs.readFile(
        path.join(repoRoot, 'deploy', 'crossplane', 'capabilities-rbac.yaml'),
        'utf8',
      ),
    );
    expect(shipped.metadata.name).toBe(CAPABILITIES_CLUSTER_ROLE);
    expect(shipped.rules.length).toBeGreaterThan(0);
    await eventually(
      async () => {
        const role = JSON.parse(
          await cluster.kubectl([
            'get',
            'clusterrole',
            'crossplane',
            '-o',
            'json',
          ]),
        );
        expect(role.rules).toEqual(shipped.rules);
      },
      { intervalMs: 500 },
    );
  });

  it('covers every kind the capabilities compose beyond the GCP provider', async () => {
    // The sample product turns every registered capability on.
    const product = parse(
      await fs.readFile(
        path.join(crossplaneDir, 'examples', 'dataproduct-capabilities.yaml'),
        'utf8',
      ),
    ) as DataProduct;
    const domain = parse(
      await fs.readFile(
        path.join(crossplaneDir, 'examples', 'datadomain.yaml'),
        'utf8',
      ),
    ) as DataDomain;
    const context = productContextOf(product, PACKAGED_PLATFORM, domain);
    const groupOf = (apiVersion: string) =>
      apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    const composed = CAPABILITIES.flatMap(capability =>
      composeCapability(
        capability,
        product,
        context,
        capability.settings({
          ...capability.packagedSettings,
          ...(SALES_CAPABILITY_SETTINGS as Record<string, object>)[
            capability.name
          ],
        }),
      ),
    )
      .map(c => ({
        group: groupOf(c.resource.apiVersion),
        kind: c.resource.kind,
      }))
      // The GCP provider's role covers its own kinds.
      .filter(c => !c.group.endsWith(GCP_GROUP_SUFFIX));
    const named = (list: Array<{ group: string; kind: string }>) =>
      [...new Set(list.map(c => `${c.kind}.${c.group}`))].sort();
    expect(named(composed)).toEqual(named(COMPOSED));
  });

  it.each(COMPOSED)(
    'lets Crossplane manage $kind in a domain namespace',
    async ({ group, resource }) => {
      await eventually(
        async () => {
          const answers = await Promise.all(
            MANAGE.map(async verb => [
              verb,
              await allowed({ group, resource, verb }),
            ]),
          );
          expect(Object.fromEntries(answers)).toEqual(
            Object.fromEntries(MANAGE.map(verb => [verb, true])),
          );
        },
        { intervalMs: 500 },
      );
    },
  );

  it.each(
    FORBIDDEN.map(access => ({
      ...access,
      what: [access.resource, access.subresource].filter(Boolean).join('/'),
    })),
  )('does not let Crossplane $verb $what', async access => {
    expect(await allowed(access)).toBe(false);
  });
});
