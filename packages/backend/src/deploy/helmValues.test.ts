/*
 * deploy/helm/values.yaml, for the official Backstage chart: the environment
 * it gives the backend is exactly what app-config.production.yaml reads (read
 * with Backstage's own config loader), and the service account it runs as is
 * bound to the ClusterRole plugins/meshifi-backend ships.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readHttpServerOptions } from '@backstage/backend-defaults/rootHttpRouter';
import {
  ConfigSources,
  EnvConfigSource,
  FileConfigSource,
  StaticConfigSource,
} from '@backstage/config-loader';
import { parse, parseAllDocuments } from 'yaml';
import {
  missingKeys,
  readConfigWithEnvironment,
} from './__testUtils__/configEnvironment';

const root = path.resolve(__dirname, '../../../..');
const at = (...parts: string[]) => path.join(root, ...parts);
const PRODUCTION_CONFIG = at('app-config.production.yaml');

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

const values = parse(readFileSync(at('deploy/helm/values.yaml'), 'utf8'));
const envVars: EnvVar[] = values.backstage.extraEnvVars;
const readme = readFileSync(at('deploy/README.md'), 'utf8');

/** A value for each variable, as the pod would have it. */
const environmentOf = (vars: EnvVar[]) =>
  Object.fromEntries(vars.map(v => [v.name, `value-of-${v.name}`]));

/** What a production config read with only `vars` set lacks. */
async function configGaps(vars: EnvVar[]): Promise<string[]> {
  const everything = await readConfigWithEnvironment(PRODUCTION_CONFIG, {});
  const all = await readConfigWithEnvironment(
    PRODUCTION_CONFIG,
    Object.fromEntries([...everything.asked].map(name => [name, 'set'])),
  );
  const partial = await readConfigWithEnvironment(
    PRODUCTION_CONFIG,
    environmentOf(vars),
  );
  return missingKeys(all.data, partial.data);
}

describe('deploy/helm/values.yaml', () => {
  it('sets only variables app-config.production.yaml reads, each once', async () => {
    const { asked } = await readConfigWithEnvironment(PRODUCTION_CONFIG, {});
    expect(asked.size).toBeGreaterThan(10);
    const names = envVars.map(v => v.name);
    expect(names.filter(name => !asked.has(name))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('sets every variable the production config needs', async () => {
    expect(await configGaps(envVars)).toEqual([]);
  });

  it('tells which config a missing variable leaves out (the check above can fail)', async () => {
    const withoutPassword = envVars.filter(v => v.name !== 'POSTGRES_PASSWORD');
    expect(await configGaps(withoutPassword)).toEqual([
      'backend.database.connection.password',
    ]);
    // A variable with a fallback is not needed.
    const withoutBranch = envVars.filter(
      v => v.name !== 'MESHIFI_GITOPS_BRANCH',
    );
    expect(await configGaps(withoutBranch)).toEqual([]);
  });

  it('takes credentials from secrets, never from the values', () => {
    const secret = /PASSWORD|TOKEN|SECRET|CA_DATA|_(GITOPS|CLUSTER)_URL$/;
    const credentials = envVars.filter(e => secret.test(e.name));
    expect(credentials.length).toBeGreaterThan(5);
    for (const v of credentials) {
      expect({ name: v.name, value: v.value }).toEqual({
        name: v.name,
        value: undefined,
      });
      expect(v.valueFrom?.secretKeyRef).toEqual({
        name: expect.stringMatching(/^meshifi-/),
        key: expect.any(String),
      });
    }
    for (const v of envVars) {
      expect(v.value === undefined).toBe(v.valueFrom !== undefined);
    }
  });

  it('names in deploy/README.md every secret and key it reads', () => {
    const refs = envVars.flatMap(v =>
      v.valueFrom?.secretKeyRef ? [v.valueFrom.secretKeyRef] : [],
    );
    expect(refs.length).toBeGreaterThan(5);
    for (const { name, key } of refs) {
      expect(readme).toContain(name);
      expect(readme).toContain(key);
    }
  });

  it('runs two replicas on an external PostgreSQL', () => {
    expect(values.backstage.replicas).toBe(2);
    expect(values.backstage.autoscaling?.enabled ?? false).toBe(false);
    expect(values.postgresql.enabled).toBe(false);
    const postgres = envVars.filter(v => v.name.startsWith('POSTGRES_'));
    expect(postgres.map(v => v.valueFrom?.secretKeyRef?.name)).toEqual([
      'meshifi-postgres',
      'meshifi-postgres',
      'meshifi-postgres',
      'meshifi-postgres',
    ]);
  });

  /**
   * The config as the chart's pod loads it: the args' config files, the
   * appConfig ConfigMap and the environment (the chart always adds
   * APP_CONFIG_backend_listen_port); the image's own CMD has no ConfigMap
   * and no APP_CONFIG_ variable.
   */
  async function deployedConfig(options: { chart: boolean }) {
    const environment: Record<string, string> = {
      ...environmentOf(envVars),
      ...(options.chart ? { APP_CONFIG_backend_listen_port: '7007' } : {}),
    };
    const files = ['app-config.yaml', 'app-config.production.yaml'].map(file =>
      FileConfigSource.create({
        path: at(file),
        watch: false,
        substitutionFunc: async name => environment[name],
      }),
    );
    const configMap = StaticConfigSource.create({
      data: values.backstage.appConfig,
      context: 'app-config-from-configmap.yaml',
    });
    return ConfigSources.toConfig(
      ConfigSources.merge([
        ...files,
        ...(options.chart ? [configMap] : []),
        EnvConfigSource.create({ env: environment }),
      ]),
    );
  }

  it.each([{ chart: true }, { chart: false }])(
    'listens on every interface at port 7007 (%o)',
    async options => {
      const config = await deployedConfig(options);
      try {
        expect(
          readHttpServerOptions(config.getConfig('backend')).listen,
        ).toEqual({ host: '', port: 7007 });
        expect(config.getString('backend.database.client')).toBe('pg');
        expect(config.getString('meshifi.gitops.url')).toBe(
          'value-of-MESHIFI_GITOPS_URL',
        );
      } finally {
        config.close();
      }
    },
  );

  it('starts the backend with the production config after the defaults', () => {
    expect(values.backstage.command).toEqual(['node', 'packages/backend']);
    expect(values.backstage.args).toEqual([
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
    ]);
  });

  it('registers templates the image holds, and no ${VAR} of its own', () => {
    const appConfig = values.backstage.appConfig;
    expect(JSON.stringify(appConfig)).not.toContain('${');
    const targets: string[] = appConfig.catalog.locations.map(
      (l: { type: string; target: string }) => {
        expect(l.type).toBe('file');
        return l.target;
      },
    );
    expect(targets.length).toBeGreaterThan(0);
    const dockerfile = readFileSync(at('packages/backend/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^WORKDIR \/app$/m);
    expect(dockerfile).toMatch(/^COPY .*\btemplates \.\/templates$/m);
    for (const target of targets) {
      expect(target).toMatch(/^\/app\/templates\//);
      expect(existsSync(at(target.slice('/app/'.length)))).toBe(true);
    }
  });

  it('binds its service account to the ClusterRole of meshifi-backend', () => {
    const clusterRole = parse(
      readFileSync(at('plugins/meshifi-backend/rbac/clusterrole.yaml'), 'utf8'),
    );
    expect(clusterRole.kind).toBe('ClusterRole');
    expect(values.serviceAccount).toMatchObject({ create: true });
    const serviceAccount: string = values.serviceAccount.name;
    expect(serviceAccount).toBeTruthy();

    const extra: Array<{
      kind: string;
      type?: string;
      metadata: { name: string; annotations?: Record<string, string> };
      roleRef?: unknown;
      subjects?: unknown;
    }> = values.extraDeploy;
    const binding = extra.find(o => o.kind === 'ClusterRoleBinding')!;
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: clusterRole.metadata.name,
    });
    expect(binding.subjects).toEqual([
      {
        kind: 'ServiceAccount',
        name: serviceAccount,
        namespace: '{{ .Release.Namespace }}',
      },
    ]);
    const token = extra.find(o => o.kind === 'Secret')!;
    expect(token.type).toBe('kubernetes.io/service-account-token');
    expect(
      token.metadata.annotations?.['kubernetes.io/service-account.name'],
    ).toBe(serviceAccount);
    // The README makes the cluster secret from this token.
    expect(readme).toContain(token.metadata.name);
  });

  it('parses as one YAML document', () => {
    const documents = parseAllDocuments(
      readFileSync(at('deploy/helm/values.yaml'), 'utf8'),
    );
    expect(documents).toHaveLength(1);
    expect(documents[0].errors).toEqual([]);
  });
});
