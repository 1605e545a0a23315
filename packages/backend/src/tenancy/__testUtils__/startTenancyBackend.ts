import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  BackendFeature,
  BackstageCredentials,
  ServiceFactory,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleMeshifi from '@meshifi/plugin-scaffolder-backend-module-meshifi';
import { JsonObject } from '@backstage/config';
import { promises as fs } from 'fs';
import path from 'path';
import request from 'supertest';
import { stringify } from 'yaml';
import permissionPolicyModule from '../../modules/permissionPolicy';

/** The test organisation: two teams with a domain each, and the platform team. */
const TEAMS = {
  'sales-analytics': { members: ['ana'], domain: 'sales' },
  finance: { members: ['bo'], domain: 'finance' },
  'data-platform': { members: ['pat'], domain: undefined },
} as const;

export type TestUser = 'ana' | 'bo' | 'pat';

const membershipOf = (user: string) =>
  Object.entries(TEAMS)
    .filter(([, team]) => (team.members as readonly string[]).includes(user))
    .map(([name]) => `group:default/${name}`);

function organisation(): string {
  const entities = Object.entries(TEAMS).flatMap(([name, team]) => [
    {
      kind: 'Group',
      metadata: { name },
      spec: {
        type: 'team',
        profile: { email: `${name}@example.com` },
        children: [],
      },
    },
    ...team.members.map(member => ({
      kind: 'User',
      metadata: { name: member },
      spec: { profile: { email: `${member}@example.com` }, memberOf: [name] },
    })),
    ...(team.domain
      ? [
          {
            kind: 'Domain',
            metadata: { name: team.domain },
            spec: { owner: `group:default/${name}` },
          },
        ]
      : []),
  ]);
  return entities
    .map(e => stringify({ apiVersion: 'backstage.io/v1alpha1', ...e }))
    .join('---\n');
}

/**
 * Who is in which team, as the sign-in resolver puts it in a user's token
 * (Backstage's own resolvers take it from the catalog's memberOf).
 */
const userInfoFromTeams = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...membershipOf(ref.split('/')[1])],
      };
    },
  }),
});

/**
 * Backstage's mock authentication, with one thing of the real one added: a
 * request a plugin makes on a user's behalf names the plugin as its actor.
 * The mock leaves the actor out, and the real permission backend then
 * refuses the catalog's conditional queries as direct user requests.
 */
const httpAuthWithActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const mock = mockServices.httpAuth({ pluginId: plugin.getId() });
    const credentials: typeof mock.credentials = async (req, options) => {
      const found = await mock.credentials(req, options);
      const principal = (found as BackstageCredentials).principal as
        | BackstageUserPrincipal
        | { type: 'service' | 'none' };
      const onBehalf = String(req.headers.authorization).includes(
        'mock-service-token:',
      );
      if (onBehalf && principal.type === 'user') {
        return mockCredentials.user(principal.userEntityRef, {
          actor: { subject: 'plugin' },
        }) as typeof found;
      }
      return found;
    };
    return {
      credentials,
      issueUserCookie: (res, options) => mock.issueUserCookie(res, options),
    };
  },
});

const templatesDir = path.resolve(__dirname, '../../../../../templates');

/**
 * A started backend with the real catalog, scaffolder, permission framework
 * and meshifi's policy, the Kubernetes plugin and meshifi's actions,
 * publishing to a GitOps repository on a real git server.
 */
export async function startTenancyBackend(options: {
  workDir: string;
  gitopsUrl: string;
  /** More plugins and modules, e.g. the meshifi catalog module. */
  features?: BackendFeature[];
  /** More `meshifi` settings. */
  meshifi?: Record<string, unknown>;
  /** `backend.database`: the test backend's own SQLite when left out. */
  database?: JsonObject;
  /** More top-level settings, e.g. `search` or `scaffolder`. */
  config?: JsonObject;
  /** The scheduler, instead of Backstage's default one. */
  scheduler?: ServiceFactory;
}) {
  await fs.mkdir(options.workDir, { recursive: true });
  const orgFile = path.join(options.workDir, 'org.yaml');
  await fs.writeFile(orgFile, organisation());
  const { server } = await startTestBackend({
    features: [
      options.scheduler ?? schedulerServiceFactory,
      // The real events service: one bus for every plugin of the backend.
      eventsServiceFactory,
      userInfoFromTeams,
      httpAuthWithActors,
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          backend: {
            workingDirectory: options.workDir,
            ...(options.database ? { database: options.database } : {}),
          },
          permission: { enabled: true },
          catalog: {
            rules: [
              {
                allow: [
                  'Template',
                  'Group',
                  'User',
                  'Domain',
                  'Location',
                  'DataProduct',
                  'Resource',
                ],
              },
            ],
            locations: [
              { type: 'file', target: orgFile },
              ...['data-product', 'data-domain', 'request-data-access'].map(
                name => ({
                  type: 'file',
                  target: path.join(templatesDir, name, 'template.yaml'),
                }),
              ),
            ],
          },
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [{ type: 'config', clusters: [] }],
          },
          meshifi: {
            permission: { admins: ['group:default/data-platform'] },
            domains: { allowedProjects: ['acme-*-data'] },
            platform: { project: 'meshifi-test', location: 'EU' },
            gitops: { url: options.gitopsUrl },
            ...options.meshifi,
          },
        },
      }),
      catalogPlugin,
      catalogModuleScaffolderEntityModel,
      scaffolderPlugin,
      scaffolderModuleMeshifi,
      permissionPlugin,
      permissionPolicyModule,
      kubernetesPlugin,
      ...(options.features ?? []),
    ],
  });
  const as = (user: TestUser) =>
    mockCredentials.user.header(`user:default/${user}`);
  const api = () => request(server);

  // The catalog has read every entity of the organisation and both
  // templates: a task's first step reads its domain, its owners and their
  // teams, and on a loaded machine the catalog may still be processing the
  // last of them when the first task starts.
  const expected = [
    'template/default/data-domain',
    'template/default/data-product',
    'template/default/request-data-access',
    ...Object.entries(TEAMS).flatMap(([name, team]) => [
      `group/default/${name}`,
      ...team.members.map(member => `user/default/${member}`),
      ...(team.domain ? [`domain/default/${team.domain}`] : []),
    ]),
  ];
  for (let waited = 0; ; waited += 200) {
    const answers = await Promise.all(
      expected.map(ref =>
        api()
          .get(`/api/catalog/entities/by-name/${ref}`)
          .set('Authorization', as('pat')),
      ),
    );
    if (answers.every(answer => answer.status === 200)) break;
    if (waited > 60_000) {
      throw new Error(
        `The catalog did not read the test organisation: ${answers
          .map(answer => `${answer.status} ${answer.text}`)
          .join('; ')}`,
      );
    }
    await new Promise(r => setTimeout(r, 200));
  }

  /** Runs a template as a user through the scaffolder API, until it ends. */
  async function runTemplate(
    user: TestUser,
    template: 'data-product' | 'data-domain' | 'request-data-access',
    values: Record<string, unknown>,
  ) {
    const created = await api()
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', as(user))
      .send({ templateRef: `template:default/${template}`, values });
    if (created.status !== 201) {
      throw new Error(`task not created: ${created.status} ${created.text}`);
    }
    for (;;) {
      const task = await api()
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('Authorization', as(user));
      if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
        const events = await api()
          .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
          .set('Authorization', as(user));
        const log = (events.body as Array<{ body: { message?: string } }>)
          .map(e => e.body.message ?? '')
          .join('\n');
        return { id: created.body.id as string, status: task.body.status, log };
      }
      await new Promise(r => setTimeout(r, 200));
    }
  }

  return { api, as, runTemplate };
}
