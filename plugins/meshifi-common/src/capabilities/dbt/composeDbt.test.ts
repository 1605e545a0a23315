import fc from 'fast-check';
import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { KubernetesObject } from '../../model/types';
import { composeCapability } from '../productCapabilities';
import { composeDbt, DBT_RESOURCE_KEYS } from './composeDbt';
import { dbtProblems } from './dbtProblems';
import { DbtSpec } from './dbtSchema';
import { SHELL_METACHARACTERS } from './dbtCommand';
import { dbtCapability } from './index';
import {
  contextOf,
  hostileText,
  productWithDbt,
  settings,
  spec,
} from './__testUtils__/dbtFixtures';

type Container = {
  name: string;
  image: string;
  command: string[];
  args: string[];
  workingDir?: string;
  env?: Array<{ name: string; value: string }>;
  securityContext: Record<string, unknown>;
};

function podOf(cronJob: KubernetesObject) {
  return (cronJob.spec as any).jobTemplate.spec.template.spec as {
    serviceAccountName: string;
    restartPolicy: string;
    securityContext: Record<string, unknown>;
    initContainers: Container[];
    containers: Container[];
    volumes: Array<Record<string, unknown>>;
  };
}

function composed(dbt: DbtSpec = spec, extra: Partial<typeof settings> = {}) {
  const product = productWithDbt(dbt);
  return composeDbt({
    spec: dbt,
    product,
    context: contextOf(product),
    settings: { ...settings, ...extra },
  });
}

const byKey = (resources: ReturnType<typeof composed>) =>
  Object.fromEntries(resources.map(r => [r.key, r.resource]));

describe('composeDbt', () => {
  it('composes the four resources, each in the namespace Crossplane gives it', () => {
    const resources = composed();
    expect(resources.map(r => [r.key, r.resource.kind, r.readiness])).toEqual([
      ['dbt-service-account', 'ServiceAccount', 'exists'],
      ['dbt-workload-identity', 'ServiceAccountIAMMember', undefined],
      ['dbt-profiles', 'ConfigMap', 'exists'],
      ['dbt-schedule', 'CronJob', 'exists'],
    ]);
    for (const { resource } of resources) {
      expect(resource.metadata.namespace).toBeUndefined();
    }
  });

  it('lets the ServiceAccount act as the product service account through Workload Identity', () => {
    const context = contextOf();
    const resources = byKey(composed());
    const account = resources[DBT_RESOURCE_KEYS.serviceAccount];
    expect(account.metadata).toEqual({
      name: 'customer-orders-dbt',
      annotations: {
        'iam.gke.io/gcp-service-account': context.serviceAccountEmail,
      },
    });
    expect(resources[DBT_RESOURCE_KEYS.workloadIdentity]).toEqual({
      apiVersion: 'cloudplatform.gcp.m.upbound.io/v1beta1',
      kind: 'ServiceAccountIAMMember',
      metadata: { name: 'customer-orders-dbt-workload-identity' },
      spec: {
        forProvider: {
          serviceAccountId: context.serviceAccountId,
          role: 'roles/iam.workloadIdentityUser',
          member: `serviceAccount:meshifi-platform.svc.id.goog[sales/customer-orders-dbt]`,
        },
        providerConfigRef: context.providerConfigRef,
      },
    });
  });

  it('mounts the profiles and runs the command in the project folder, as the ServiceAccount, without a shell', () => {
    const context = contextOf();
    const resources = byKey(
      composed(
        {
          ...spec,
          revision: 'v2',
          path: 'sales/orders',
          command: 'dbt build --select tag:daily',
          schedule: '30 7 * * 1-5',
        },
        { timeZone: 'Europe/Paris' },
      ),
    );
    const profiles = resources[DBT_RESOURCE_KEYS.profiles] as any;
    expect(parse(profiles.data['profiles.yml']).meshifi.target).toBe('prod');
    const cronJob = resources[DBT_RESOURCE_KEYS.schedule];
    expect(cronJob.spec).toMatchObject({
      schedule: '30 7 * * 1-5',
      timeZone: 'Europe/Paris',
      concurrencyPolicy: 'Forbid',
    });
    const pod = podOf(cronJob);
    expect(pod.serviceAccountName).toBe(profiles.metadata.name);
    expect(pod.restartPolicy).toBe('Never');
    const [clone, deps] = pod.initContainers;
    expect(clone.image).toBe(settings.gitImage);
    expect([...clone.command, ...clone.args]).toEqual([
      'git',
      'clone',
      '--depth=1',
      '--single-branch',
      '--branch=v2',
      '--',
      spec.repository,
      '/workspace/project',
    ]);
    expect([...deps.command, ...deps.args]).toEqual(['dbt', 'deps']);
    const [dbt] = pod.containers;
    expect(dbt.image).toBe(settings.image);
    expect([...dbt.command, ...dbt.args]).toEqual([
      'dbt',
      'build',
      '--select',
      'tag:daily',
    ]);
    expect(dbt.workingDir).toBe('/workspace/project/sales/orders');
    expect(deps.workingDir).toBe(dbt.workingDir);
    expect(
      Object.fromEntries(dbt.env!.map(e => [e.name, e.value])),
    ).toMatchObject({
      DBT_PROFILES_DIR: '/etc/dbt',
      DBT_TARGET: 'prod',
      MESHIFI_PROJECT: context.project,
      MESHIFI_LOCATION: context.location,
      MESHIFI_RAW_DATASET: context.datasets.raw,
      MESHIFI_CLEANED_DATASET: context.datasets.cleaned,
      MESHIFI_CURATED_DATASET: context.datasets.curated,
    });
    expect(pod.volumes).toContainEqual({
      name: 'profiles',
      configMap: { name: profiles.metadata.name },
    });
  });

  it('runs dbt build on main from the top of the repository when the product says no more', () => {
    const pod = podOf(byKey(composed())[DBT_RESOURCE_KEYS.schedule]);
    expect(pod.initContainers[0].args).toContain('--branch=main');
    expect(pod.containers[0].args).toEqual(['build']);
    expect(pod.containers[0].workingDir).toBe('/workspace/project');
    expect(
      byKey(composed())[DBT_RESOURCE_KEYS.schedule].spec,
    ).not.toHaveProperty('timeZone');
  });

  it('meets the restricted Pod Security Standard in every container', () => {
    const pod = podOf(byKey(composed())[DBT_RESOURCE_KEYS.schedule]);
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.securityContext.runAsUser).not.toBe(0);
    for (const container of [...pod.initContainers, ...pod.containers]) {
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
    }
    for (const volume of pod.volumes) {
      expect(Object.keys(volume).sort()).toEqual(
        expect.arrayContaining(['name']),
      );
      expect(volume.emptyDir ?? volume.configMap).toBeDefined();
    }
  });

  it('keeps the CronJob name within 52 characters, and apart for long names that start alike', () => {
    const long = (end: string) => `${'a'.repeat(40)}-orders-${end}`;
    const names = ['x', 'y'].map(end => {
      const product = productWithDbt(spec, long(end));
      return composeDbt({
        spec,
        product,
        context: contextOf(product),
        settings,
      }).find(r => r.key === DBT_RESOURCE_KEYS.schedule)!.resource.metadata
        .name;
    });
    expect(names[0]).not.toBe(names[1]);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(52);
      expect(name).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
    }
  });

  it('gets the product labels and its capability label through composeCapability', () => {
    const product = productWithDbt();
    const resources = composeCapability(
      dbtCapability,
      product,
      contextOf(product),
      settings,
    );
    expect(resources.map(r => r.key)).toEqual(Object.values(DBT_RESOURCE_KEYS));
    for (const { resource } of resources) {
      expect(resource.metadata.labels).toMatchObject({
        'meshifi.io/data-product': 'customer-orders',
        'meshifi.io/domain': 'sales',
        'meshifi.io/capability': 'dbt',
        'meshifi.io/role': 'capability',
      });
    }
  });

  it('lets nothing a product file says reach the containers unchecked: refused, or only safe words', () => {
    const hostileSpec = fc.record(
      {
        repository: fc.oneof(hostileText, fc.constant(spec.repository)),
        revision: fc.oneof(hostileText, fc.constant('main')),
        path: fc.oneof(hostileText, fc.constant('sales/orders')),
        schedule: fc.oneof(hostileText, fc.constant('0 6 * * *')),
        command: fc.oneof(
          hostileText,
          fc.constantFrom('dbt build', 'dbt run --select tag:x'),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(hostileSpec, candidate => {
        const problems = dbtProblems(candidate, settings);
        if (problems.length > 0) {
          return;
        }
        const pod = podOf(
          byKey(composed(candidate as DbtSpec))[DBT_RESOURCE_KEYS.schedule],
        );
        for (const container of [...pod.initContainers, ...pod.containers]) {
          const words = [...container.command, ...container.args];
          for (const word of words) {
            expect(word.split('/')).not.toContain('..');
            for (const character of SHELL_METACHARACTERS.filter(
              c => c !== '=',
            )) {
              expect(word).not.toContain(character);
            }
          }
          expect(container.workingDir ?? '/workspace/project').toMatch(
            /^\/workspace\/project(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/,
          );
          expect(container.workingDir ?? '').not.toContain('..');
        }
        // The address comes after "--": git never reads it as an option.
        const clone = pod.initContainers[0].args;
        expect(clone[clone.indexOf('--') + 1]).toMatch(/^https:\/\//);
        expect(clone.filter(a => a.startsWith('--branch='))).toHaveLength(1);
        expect(clone.find(a => a.startsWith('--branch='))).not.toMatch(
          /^--branch=-/,
        );
      }),
      { numRuns: 5000 },
    );
  });
});

/** The repository's root: MESHIFI_ROOT, or the folder above that holds scripts/control-plane. */
function repositoryRoot(): string | undefined {
  const fromEnvironment = process.env.MESHIFI_ROOT;
  if (
    fromEnvironment &&
    existsSync(path.join(fromEnvironment, 'scripts', 'control-plane'))
  ) {
    return fromEnvironment;
  }
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'scripts', 'control-plane'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
  return dir;
}

const root = repositoryRoot();
const IAM_MEMBER_CRD =
  root &&
  path.join(
    root,
    '..',
    'shared',
    'crds',
    'provider-gcp-v2.6.0',
    'cloudplatform.gcp.m.upbound.io_serviceaccountiammembers.yaml',
  );
const withCrd =
  IAM_MEMBER_CRD && existsSync(IAM_MEMBER_CRD) ? describe : describe.skip;

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
};

/** Where a value has a field the schema does not know, or of another type. */
function mismatches(value: unknown, schema: Schema, at = ''): string[] {
  const type = Array.isArray(value) ? 'array' : typeof value;
  if (schema.type && schema.type !== (type === 'number' ? schema.type : type)) {
    return [`${at}: ${type}, not ${schema.type}`];
  }
  if (type !== 'object') {
    return [];
  }
  const fields = value as Record<string, unknown>;
  return [
    ...(schema.required ?? [])
      .filter(name => !(name in fields))
      .map(name => `${at}.${name}: missing`),
    ...Object.entries(fields).flatMap(([name, field]) =>
      schema.properties?.[name]
        ? mismatches(field, schema.properties[name], `${at}.${name}`)
        : [`${at}.${name}: not in the CRD`],
    ),
  ];
}

withCrd(
  `the Workload Identity member against provider-gcp v2.6.0's CRD${
    withCrd === describe
      ? ''
      : ' (skipped: no ../shared/crds/provider-gcp-v2.6.0 beside the repository)'
  }`,
  () => {
    it('has only fields of the CRD, of their types, and what it requires', () => {
      const crd = parse(readFileSync(IAM_MEMBER_CRD!, 'utf8'));
      const version = crd.spec.versions.find(
        (v: { name: string }) => v.name === 'v1beta1',
      );
      const member = byKey(composed())[DBT_RESOURCE_KEYS.workloadIdentity];
      expect(`${crd.spec.group}/${version.name}`).toBe(member.apiVersion);
      expect(crd.spec.names.kind).toBe(member.kind);
      expect(crd.spec.scope).toBe('Namespaced');
      expect(
        mismatches(member.spec, version.schema.openAPIV3Schema.properties.spec),
      ).toEqual([]);
    });
  },
);
