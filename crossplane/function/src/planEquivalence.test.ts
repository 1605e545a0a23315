/*
 * The plan Backstage shows (the Create page, the create action's output, the
 * pending list) and what the composition function gives Crossplane must be
 * the same resources. The plan reads the catalog, where a DataDomain arrives
 * as a Domain entity with its project in an annotation, and the owners'
 * emails from their User and Group entities; the function reads the
 * DataDomain from the cluster and the owners from the manifest. This test
 * runs both sides from the same DataDomains and products: the samples the
 * local meshifi ships, and generated ones.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  fromCompose,
  RunFunctionRequest,
  Severity,
} from '@crossplane-org/function-sdk-typescript';
import {
  DataDomain,
  dataDomainManifest,
  DataProduct,
  dataProductManifest,
  formatOwner,
  KubernetesObject,
  nameProblem,
  reservedNameProblem,
} from '@meshifi/common';
import { CatalogPlanResolver } from '@meshifi/node';
import { manifestToEntities } from '@meshifi/plugin-catalog-backend-module-meshifi';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runFunction } from './runFunction';
import { USAGE_API_VERSION } from './composeDataProduct';

const platform = { project: 'meshifi-platform', location: 'EU' };
const root = join(__dirname, '..', '..', '..');

const readYaml = (file: string) =>
  parseAllDocuments(readFileSync(join(root, file), 'utf8')).map(
    d => d.toJSON() as KubernetesObject,
  );

/** The manifests of the sample GitOps repository, examples/gitops. */
const sampleManifests = () =>
  readdirSync(join(root, 'examples/gitops'), { recursive: true })
    .map(String)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file => readYaml(join('examples/gitops', file)));

/** A namespace as Crossplane composes it for the DataDomain `domain`. */
const composedNamespace = (domain: string) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: domain,
    labels: { 'crossplane.io/composite': domain, 'meshifi.io/domain': domain },
  },
});

const byIdentity = (a: KubernetesObject, b: KubernetesObject) =>
  `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`);

/** What the composition function gives Crossplane for a product: its GCP resources and status. */
async function functionSide(product: DataProduct, domains: DataDomain[]) {
  const domain = domains.find(d => d.metadata.name === product.spec.domain);
  const rsp = await fromCompose(runFunction).RunFunction(
    RunFunctionRequest.fromPartial({
      observed: { composite: { resource: product as any }, resources: {} },
      desired: { resources: {} },
      input: { platform } as any,
      requiredResources: domain
        ? {
            domain: { items: [{ resource: domain as any }] },
            namespace: {
              items: [
                { resource: composedNamespace(domain.metadata.name) as any },
              ],
            },
          }
        : {},
    }),
    undefined,
  );
  const fatal = rsp.results.filter(r => r.severity === Severity.SEVERITY_FATAL);
  if (fatal.length > 0) {
    throw new Error(`the function refused: ${fatal[0].message}`);
  }
  const resources = Object.values(rsp.desired?.resources ?? {})
    .map(r => r.resource as unknown as KubernetesObject)
    // The Usages protect the domain; they are not the product's resources.
    .filter(r => r.apiVersion !== USAGE_API_VERSION)
    .sort(byIdentity);
  const status = (rsp.desired?.composite?.resource as any)?.status ?? {};
  return {
    resources: JSON.parse(JSON.stringify(resources)) as KubernetesObject[],
    project: status.project as string,
    serviceAccountEmail: status.serviceAccountEmail as string,
  };
}

/** The catalog meshifi's entity providers make of the domains, next to the org. */
function catalogOf(domains: DataDomain[], org: Entity[]): Entity[] {
  const domainEntities = domains.flatMap(domain => {
    const result = manifestToEntities(domain);
    if (!result.ok) {
      throw new Error(result.message);
    }
    return result.entities;
  });
  return [...domainEntities, ...org];
}

/** What Backstage plans for the product, from the catalog, with the owners picked as entity refs. */
async function planSide(
  product: DataProduct,
  ownerRefs: string[],
  catalog: Entity[],
) {
  const resolver = new CatalogPlanResolver({
    catalog: catalogServiceMock({ entities: catalog }),
    platform,
  });
  const { info, domain, location } = product.spec;
  const { plan } = await resolver.plan(
    {
      ...info,
      ...(domain ? { domain: `domain:default/${domain}` } : {}),
      ...(location ? { location } : {}),
      owners: ownerRefs,
    },
    { credentials: mockCredentials.user('user:default/guest') },
  );
  if (plan.problems.length > 0) {
    throw new Error(
      `the plan has problems: ${plan.problems.map(p => p.message).join(' ')}`,
    );
  }
  return {
    resources: plan.resources.map(r => r.resource).sort(byIdentity),
    project: plan.project,
    serviceAccountEmail: plan.serviceAccountEmail,
  };
}

/** The owners of the product as people pick them: the entity each email belongs to. */
function refsOf(owners: string[], org: Entity[]): string[] {
  return owners.map(owner => {
    const isGroup = owner.startsWith('group:');
    const email = owner.replace(/^group:/, '');
    const entity = org.find(
      e =>
        e.kind === (isGroup ? 'Group' : 'User') &&
        (e.spec?.profile as { email?: string })?.email?.toLowerCase() ===
          email.toLowerCase(),
    );
    if (!entity) {
      throw new Error(`no entity of the org has the email ${email}`);
    }
    return `${entity.kind.toLowerCase()}:${
      entity.metadata.namespace ?? 'default'
    }/${entity.metadata.name}`;
  });
}

describe('the plan and the composition function', () => {
  const samples = sampleManifests();
  const org = readYaml('examples/org.yaml') as unknown as Entity[];
  const domains = samples.filter(
    o => o.kind === 'DataDomain',
  ) as unknown as DataDomain[];
  const products = samples.filter(
    o => o.kind === 'DataProduct',
  ) as unknown as DataProduct[];

  it('has samples to compare', () => {
    expect(domains.length).toBeGreaterThan(0);
    expect(products.length).toBeGreaterThan(0);
  });

  it.each(products.map(p => [p.metadata.name, p] as const))(
    'give the same resources for the sample %s',
    async (_name, product) => {
      const composed = await functionSide(product, domains);
      const planned = await planSide(
        product,
        refsOf(product.spec.access.owners, org),
        catalogOf(domains, org),
      );
      expect(planned).toEqual(composed);
      const domain = domains.find(d => d.metadata.name === product.spec.domain);
      expect(planned.project).toBe(domain?.spec.gcpProject);
    },
  );

  it('give the same resources for generated domains, owners and products', async () => {
    const name = fc
      .stringMatching(/^[a-z][-a-z0-9]{1,61}[a-z0-9]$/)
      .filter(n => !nameProblem(n));
    const domainName = name.filter(n => !reservedNameProblem(n));
    const project = fc.stringMatching(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/);
    const email = fc
      .tuple(
        fc.stringMatching(/^[A-Za-z0-9._%+-]{1,20}$/),
        fc.stringMatching(/^[A-Za-z0-9-]{1,15}$/),
        fc.constantFrom('com', 'org', 'example', 'DE'),
      )
      .map(([local, host, tld]) => `${local}@${host}.${tld}`);
    const person = fc.record({
      kind: fc.constantFrom('User' as const, 'Group' as const),
      name: fc.stringMatching(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/),
      email,
    });
    const world = fc
      .record({
        domains: fc.uniqueArray(fc.record({ name: domainName, project }), {
          minLength: 1,
          maxLength: 3,
          selector: d => d.name,
        }),
        people: fc.uniqueArray(person, {
          minLength: 1,
          maxLength: 6,
          selector: p => `${p.kind}:${p.name}`,
        }),
        product: fc.record({
          name,
          version: fc
            .tuple(fc.nat(20), fc.nat(20), fc.nat(20))
            .map(v => v.join('.')),
          title: fc.option(fc.string({ maxLength: 100 }), { nil: undefined }),
          location: fc.option(fc.constantFrom('EU', 'US', 'europe-west2'), {
            nil: undefined,
          }),
          domainIndex: fc.option(fc.nat(2), { nil: undefined }),
        }),
        ownerPicks: fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 4 }),
      })
      // Two people with one email are one IAM member: the plan lists it once.
      .filter(
        w =>
          new Set(w.people.map(p => `${p.kind}:${p.email.toLowerCase()}`))
            .size === w.people.length,
      );

    let runs = 0;
    await fc.assert(
      fc.asyncProperty(world, async w => {
        runs++;
        const worldDomains = w.domains.map(d =>
          dataDomainManifest(d.name, {
            owner: 'group:default/data-platform',
            gcpProject: d.project,
          }),
        );
        const picked = [
          ...new Set(w.ownerPicks.map(i => w.people[i % w.people.length])),
        ];
        const people: Entity[] = w.people.map(p => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: p.kind,
          metadata: { name: p.name, namespace: 'default' },
          spec: { profile: { email: p.email } },
        }));
        const domain =
          w.product.domainIndex === undefined
            ? undefined
            : worldDomains[w.product.domainIndex % worldDomains.length].metadata
                .name;
        // The manifest as the function gets it: owners as IAM lists them.
        const product = dataProductManifest({
          info: {
            name: w.product.name,
            version: w.product.version,
            ...(w.product.title ? { title: w.product.title } : {}),
          },
          access: {
            owners: picked.map(p =>
              formatOwner({
                type: p.kind === 'Group' ? 'group' : 'user',
                email: p.email.toLowerCase(),
              }),
            ),
          },
          ...(domain ? { domain } : {}),
          ...(w.product.location ? { location: w.product.location } : {}),
        });
        const composed = await functionSide(product, worldDomains);
        const planned = await planSide(
          product,
          picked.map(p => `${p.kind.toLowerCase()}:default/${p.name}`),
          catalogOf(worldDomains, people),
        );
        expect(planned).toEqual(composed);
      }),
      { numRuns: 1000 },
    );
    expect(runs).toBe(1000);
  });
});
