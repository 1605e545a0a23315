/*
 * deploy/flux and deploy/argocd apply a meshifi GitOps repository: every
 * manifest parses with the kinds and settings meant, and their file patterns
 * select from a repository exactly the files meshifi reads
 * (isGitopsManifestPath), the domains apart from the products and their
 * access grants. The sample
 * repository is examples/gitops plus files off the layout; fast-check adds
 * paths of its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import ignore from 'ignore';
import { parse, parseAllDocuments } from 'yaml';
import {
  domainProductsIgnore,
  isGitopsManifestPath,
  isGrantPath,
  nameProblem,
} from '@meshifi/common';
import { argoGlobMatch } from './__testUtils__/argoGlob';

const root = path.resolve(__dirname, '../../../..');
const at = (...parts: string[]) => path.join(root, ...parts);

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
  };
  spec?: any;
  rules?: Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }>;
  roleRef?: { kind: string; name: string };
  subjects?: Array<{ kind: string; name: string; namespace?: string }>;
}

/** Every document of every YAML file of a deploy/ folder, each one checked. */
function manifestsOf(folder: string): Manifest[] {
  return readdirSync(at('deploy', folder))
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file =>
      parseAllDocuments(readFileSync(at('deploy', folder, file), 'utf8')).map(
        document => {
          expect({ file, errors: document.errors }).toEqual({
            file,
            errors: [],
          });
          return document.toJS() as Manifest;
        },
      ),
    );
}

const flux = manifestsOf('flux');
const argo = manifestsOf('argocd');
const find = (manifests: Manifest[], kind: string, name: string) => {
  const found = manifests.find(
    m => m.kind === kind && m.metadata.name === name,
  );
  if (!found) {
    throw new Error(`no ${kind} ${name}`);
  }
  return found;
};

/** The XRDs: the group, version, kind, plural and scope of each API. */
const apis = ['datadomains', 'dataproducts', 'dataaccesses'].map(folder => {
  const xrd = parse(
    readFileSync(at('crossplane/apis', folder, 'definition.yaml'), 'utf8'),
  );
  const version = xrd.spec.versions.find(
    (v: { referenceable: boolean }) => v.referenceable,
  ).name;
  return {
    apiVersion: `${xrd.spec.group}/${version}`,
    group: xrd.spec.group as string,
    kind: xrd.spec.names.kind as string,
    plural: xrd.spec.names.plural as string,
    scope: xrd.spec.scope as string,
  };
});
const [domainApi, productApi, accessApi] = apis;

/** What meshifi reads as a domain, as a product, as a grant, or not at all. */
function role(file: string): 'domain' | 'product' | 'grant' | undefined {
  if (!isGitopsManifestPath(file)) {
    return undefined;
  }
  if (isGrantPath(file)) {
    return 'grant';
  }
  return /^domains\/[^/]+\/domain\.yaml$/.test(file) ? 'domain' : 'product';
}

/** Whether the engine's second step, the products', applies the file: a product, or a grant on one. */
const appliedWithProducts = (file: string) =>
  role(file) === 'product' || role(file) === 'grant';

/** The files of examples/gitops, as paths from its root. */
function sampleFiles(dir = at('examples/gitops'), prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory()
      ? sampleFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

/** Files a GitOps repository may hold that meshifi does not read. */
const OFF_LAYOUT = [
  'README.md',
  'domain.yaml',
  'kustomization.yaml',
  '.github/workflows/meshifi.yaml',
  'domains/domain.yaml',
  'domains/sales/README.md',
  'domains/sales/notes.yaml',
  'domains/sales/domain.yml',
  'domains/sales/kustomization.yaml',
  'domains/sales/old/domain.yaml',
  'domains/sales/products/README.md',
  'domains/sales/products/customer-orders.yml',
  'domains/sales/products/old/customer-orders.yaml',
  'domains/sales/products/old/products/x.yaml',
  'products/README.md',
  'products/nested/legacy.yaml',
  'domains/sales/access/README.md',
  'domains/sales/access/old/marketing-orders.yaml',
  'domains/sales/access/marketing-orders.yml',
  'domains/sales/products/access/x.yaml',
  'domains/access/x.yaml',
  'access/README.md',
  'access/old/marketing-orders.yaml',
];
/** Files meshifi reads that the sample lacks. */
const ON_LAYOUT = [
  'products/legacy-orders.yaml',
  // A product named "domain" is a product, not a domain.
  'domains/sales/products/domain.yaml',
  'domains/sales/access/marketing-orders.yaml',
  'access/marketing-orders.yaml',
  // A grant named "domain" is a grant.
  'domains/sales/access/domain.yaml',
];

// --- Flux --------------------------------------------------------------------

const fluxSources = {
  domain: find(flux, 'GitRepository', 'meshifi-domains'),
  product: find(flux, 'GitRepository', 'meshifi-products'),
};

/**
 * Whether Flux's artifact of the GitRepository holds the file: spec.ignore
 * is .gitignore syntax (go-git's matcher in source-controller); the `ignore`
 * package implements git's. The patterns re-include every parent folder of
 * what they keep, where the two agree.
 */
function fluxSelects(source: Manifest, file: string): boolean {
  return fluxIgnoreKeeps(source.spec.ignore, file);
}

function fluxIgnoreKeeps(patterns: string, file: string): boolean {
  return !ignore().add(patterns).ignores(file);
}

/** The domain whose folder a path is in, if any. */
const domainFolderOf = (file: string) => /^domains\/([^/]+)\//.exec(file)?.[1];

/**
 * Whether Flux applies a product or grant file: those of no domain through
 * meshifi-products, a domain's through the source its DataDomain composes
 * (domainProductsIgnore), which exists only for a domain that can exist.
 */
function fluxSelectsProduct(file: string): boolean {
  const domain = domainFolderOf(file);
  if (domain === undefined) {
    return fluxSelects(fluxSources.product, file);
  }
  return (
    nameProblem(domain) === undefined &&
    fluxIgnoreKeeps(domainProductsIgnore(domain), file)
  );
}

// --- Argo CD -----------------------------------------------------------------

const argoApps = {
  domain: find(argo, 'Application', 'meshifi-domains'),
  product: find(argo, 'Application', 'meshifi-products'),
};

/** Whether Argo CD's directory source of the Application applies the file. */
function argoSelects(app: Manifest, file: string, separator?: '/'): boolean {
  const { include, exclude, recurse } = app.spec.source.directory;
  const manifest = /\.(yaml|yml|json|jsonnet)$/.test(path.posix.basename(file));
  const depthOk = recurse || !file.includes('/');
  return (
    manifest &&
    depthOk &&
    !(exclude && argoGlobMatch(exclude, file, { separator })) &&
    (!include || argoGlobMatch(include, file, { separator }))
  );
}

type Selector = (file: string) => boolean;
interface Engine {
  domain: Selector;
  product: Selector;
  /** Whether the engine applies products in a folder of this domain name. */
  appliesProductsOf: (domain: string) => boolean;
}
const anyDomain = () => true;
const engines: Array<[string, Engine]> = [
  [
    'Flux',
    {
      domain: f => fluxSelects(fluxSources.domain, f),
      product: fluxSelectsProduct,
      // No DataDomain, so no source, can have a name that is not one.
      appliesProductsOf: domain => nameProblem(domain) === undefined,
    },
  ],
  [
    'Argo CD',
    {
      domain: f => argoSelects(argoApps.domain, f),
      product: f => argoSelects(argoApps.product, f),
      appliesProductsOf: anyDomain,
    },
  ],
  [
    'Argo CD, were `*` not to match `/`',
    {
      domain: f => argoSelects(argoApps.domain, f, '/'),
      product: f => argoSelects(argoApps.product, f, '/'),
      appliesProductsOf: anyDomain,
    },
  ],
];

/** A path of segments a GitOps repository's files are likely made of. */
const repositoryPath = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'domains',
        'products',
        'access',
        'domain.yaml',
        'sales',
        'x.yaml',
        'x.yml',
        'README.md',
        'kustomization.yaml',
        '.github',
        '*',
        '{a,b}',
        '[x]',
      ),
      fc
        .stringMatching(/^[\w .*?![\]{},-]{1,10}$/)
        // Not dots only (`.`, `..`): no file of a repository is named so.
        .filter(s => !/^\.+$/.test(s)),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map(segments => segments.join('/'));

describe.each(engines)('%s', (_engine, select) => {
  const sample = [...sampleFiles(), ...OFF_LAYOUT, ...ON_LAYOUT];

  it('applies from the sample repository exactly the domains, then exactly the products', () => {
    const selected = (which: Selector) => sample.filter(which).sort();
    expect(selected(select.domain)).toEqual(
      sample.filter(f => role(f) === 'domain').sort(),
    );
    expect(selected(select.product)).toEqual(
      sample.filter(appliedWithProducts).sort(),
    );
    // The sample has files of each role, so the comparisons above bite.
    expect(
      sampleFiles().filter(f => role(f) === 'domain').length,
    ).toBeGreaterThan(1);
    expect(
      sampleFiles().filter(f => role(f) === 'product').length,
    ).toBeGreaterThan(1);
  });

  it('selects any path as meshifi reads it (property)', () => {
    fc.assert(
      fc.property(repositoryPath, file => {
        const domain = domainFolderOf(file);
        expect([select.domain(file), select.product(file)]).toEqual([
          role(file) === 'domain',
          appliedWithProducts(file) &&
            (domain === undefined || select.appliesProductsOf(domain)),
        ]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the sample repository', () => {
  it('holds in each selected file the kind its engine step applies', () => {
    const manifests = sampleFiles().filter(file => role(file));
    expect(manifests.length).toBeGreaterThan(0);
    for (const file of manifests) {
      const { kind, apiVersion } = parse(
        readFileSync(at('examples/gitops', file), 'utf8'),
      );
      const api = { domain: domainApi, product: productApi, grant: accessApi }[
        role(file)!
      ];
      expect({ file, kind, apiVersion }).toEqual({
        file,
        kind: api.kind,
        apiVersion: api.apiVersion,
      });
    }
  });
});

describe('deploy/flux', () => {
  it('holds only the kinds meant, at the API versions Flux serves', () => {
    expect(
      flux.map(m => `${m.apiVersion} ${m.kind} ${m.metadata.name}`).sort(),
    ).toEqual([
      'kustomize.toolkit.fluxcd.io/v1 Kustomization meshifi-domains',
      'kustomize.toolkit.fluxcd.io/v1 Kustomization meshifi-products',
      'rbac.authorization.k8s.io/v1 ClusterRole meshifi-crossplane-flux',
      'rbac.authorization.k8s.io/v1 ClusterRole meshifi-gitops-applier',
      'rbac.authorization.k8s.io/v1 ClusterRoleBinding meshifi-gitops-applier',
      'source.toolkit.fluxcd.io/v1 GitRepository meshifi-domains',
      'source.toolkit.fluxcd.io/v1 GitRepository meshifi-products',
      'v1 ServiceAccount meshifi-gitops',
    ]);
  });

  it('reads one remote and branch for both sources', () => {
    const { domain, product } = fluxSources;
    for (const key of ['url', 'ref', 'secretRef'] as const) {
      expect(product.spec[key]).toEqual(domain.spec[key]);
    }
  });

  it('applies the domains first, never pruning them, and waits until they are Ready', () => {
    const domains = find(flux, 'Kustomization', 'meshifi-domains');
    const products = find(flux, 'Kustomization', 'meshifi-products');
    expect(domains.spec.sourceRef).toEqual({
      kind: 'GitRepository',
      name: fluxSources.domain.metadata.name,
    });
    expect(products.spec.sourceRef).toEqual({
      kind: 'GitRepository',
      name: fluxSources.product.metadata.name,
    });
    expect(domains.spec).toMatchObject({
      prune: false,
      deletionPolicy: 'Orphan',
      wait: true,
    });
    expect(domains.spec.healthCheckExprs).toEqual([
      expect.objectContaining({
        apiVersion: domainApi.apiVersion,
        kind: domainApi.kind,
        current: expect.stringContaining("c.type == 'Ready'"),
      }),
    ]);
    expect(products.spec.dependsOn).toEqual([{ name: domains.metadata.name }]);
    expect(products.spec.prune).toBe(true);
    // A domain is cluster-wide; a product of no domain lives in default.
    expect(domains.spec.targetNamespace).toBeUndefined();
    expect(products.spec.targetNamespace).toBe('default');
  });

  it("marks exactly one source for the domains' own to copy, the one of the products of no domain", () => {
    const marked = flux.filter(
      m =>
        m.kind === 'GitRepository' &&
        (m.metadata as any).labels?.['meshifi.io/products-source'] === 'true',
    );
    expect(marked.map(m => m.metadata.name)).toEqual(['meshifi-products']);
    const products = find(flux, 'Kustomization', 'meshifi-products');
    expect((products.metadata as any).labels['meshifi.io/products-of']).toBe(
      'none',
    );
  });

  it("keeps in a domain's source only that domain's product and grant files (property)", () => {
    const domainName = fc.stringMatching(/^[a-z][a-z0-9-]{1,20}[a-z0-9]$/);
    const fileIn = (domain: string) =>
      fc.oneof(
        repositoryPath,
        repositoryPath.map(rest => `domains/${domain}/${rest}`),
        repositoryPath.map(rest => `domains/${domain}/products/${rest}`),
        repositoryPath.map(rest => `domains/${domain}/access/${rest}`),
      );
    const domainAndFile = fc
      .tuple(domainName, domainName)
      .chain(([domain, other]) =>
        fc.tuple(fc.constant(domain), fc.oneof(fileIn(domain), fileIn(other))),
      );
    fc.assert(
      fc.property(domainAndFile, ([domain, file]) => {
        expect(fluxIgnoreKeeps(domainProductsIgnore(domain), file)).toBe(
          appliedWithProducts(file) && domainFolderOf(file) === domain,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('lets Crossplane compose the Flux sources and Kustomizations of the domains, nothing more', () => {
    const crossplaneRole = find(flux, 'ClusterRole', 'meshifi-crossplane-flux');
    expect((crossplaneRole.metadata as any).labels).toMatchObject({
      'rbac.crossplane.io/aggregate-to-crossplane': 'true',
    });
    expect(crossplaneRole.rules!.map(r => [r.apiGroups, r.resources])).toEqual([
      [['source.toolkit.fluxcd.io'], ['gitrepositories']],
      [['kustomize.toolkit.fluxcd.io'], ['kustomizations']],
    ]);
  });

  it('applies as a service account that may touch DataDomains, DataProducts and DataAccesses only', () => {
    const kustomizations = flux.filter(m => m.kind === 'Kustomization');
    const accounts = new Set(
      kustomizations.map(k => k.spec.serviceAccountName),
    );
    expect([...accounts]).toEqual(['meshifi-gitops']);
    const account = find(flux, 'ServiceAccount', 'meshifi-gitops');
    for (const k of kustomizations) {
      expect(k.metadata.namespace).toBe(account.metadata.namespace);
    }
    const binding = find(flux, 'ClusterRoleBinding', 'meshifi-gitops-applier');
    expect(binding.subjects).toEqual([
      {
        kind: 'ServiceAccount',
        name: account.metadata.name,
        namespace: account.metadata.namespace,
      },
    ]);
    const clusterRole = find(flux, 'ClusterRole', binding.roleRef!.name);
    expect(clusterRole.rules).toEqual([
      {
        apiGroups: [domainApi.group],
        resources: apis.map(api => api.plural),
        verbs: expect.arrayContaining([
          'get',
          'list',
          'watch',
          'create',
          'patch',
          'delete',
        ]),
      },
    ]);
  });
});

describe('deploy/argocd', () => {
  it('holds only the kinds meant', () => {
    expect(
      argo.map(m => `${m.apiVersion} ${m.kind} ${m.metadata.name}`).sort(),
    ).toEqual([
      'argoproj.io/v1alpha1 AppProject meshifi',
      'argoproj.io/v1alpha1 Application meshifi-domains',
      'argoproj.io/v1alpha1 Application meshifi-products',
    ]);
  });

  it('lets the project apply DataDomains, DataProducts and DataAccesses only, from the GitOps repository', () => {
    const project = find(argo, 'AppProject', 'meshifi');
    const whitelist = (scope: string) =>
      apis
        .filter(api => api.scope === scope)
        .map(api => ({ group: api.group, kind: api.kind }));
    expect(project.spec.clusterResourceWhitelist).toEqual(whitelist('Cluster'));
    expect(project.spec.namespaceResourceWhitelist).toEqual(
      whitelist('Namespaced'),
    );
    for (const app of Object.values(argoApps)) {
      expect(app.spec.project).toBe(project.metadata.name);
      expect(project.spec.sourceRepos).toContain(app.spec.source.repoURL);
      expect(app.spec.destination.namespace).toBeUndefined();
    }
    expect(argoApps.product.spec.source).toMatchObject({
      repoURL: argoApps.domain.spec.source.repoURL,
      targetRevision: argoApps.domain.spec.source.targetRevision,
    });
  });

  it('never prunes domains, prunes products, and retries products until their domain exists', () => {
    const { domain, product } = argoApps;
    expect(domain.spec.syncPolicy.automated.prune).toBe(false);
    expect(product.spec.syncPolicy.automated.prune).toBe(true);
    expect(product.spec.syncPolicy.retry.limit).toBeLessThan(0);
    const wave = (app: Manifest) =>
      Number(app.metadata.annotations?.['argocd.argoproj.io/sync-wave']);
    expect(wave(domain)).toBeLessThan(wave(product));
  });
});

describe('argoGlobMatch', () => {
  it('matches as gobwas/glob does without separators, and with', () => {
    expect(
      argoGlobMatch('domains/*/domain.yaml', 'domains/a/b/domain.yaml'),
    ).toBe(true);
    expect(
      argoGlobMatch('domains/*/domain.yaml', 'domains/a/b/domain.yaml', {
        separator: '/',
      }),
    ).toBe(false);
    expect(argoGlobMatch('{a,b/{c,d}}.yaml', 'b/d.yaml')).toBe(true);
    expect(argoGlobMatch('{a,b/{c,d}}.yaml', 'b/e.yaml')).toBe(false);
    expect(argoGlobMatch('[!x]?.yaml', 'ab.yaml')).toBe(true);
    expect(argoGlobMatch('[!x]?.yaml', 'xb.yaml')).toBe(false);
    expect(argoGlobMatch('a\\*.yaml', 'a*.yaml')).toBe(true);
    expect(argoGlobMatch('a\\*.yaml', 'ab.yaml')).toBe(false);
    expect(argoGlobMatch('x.yaml', 'x_yaml')).toBe(false);
  });

  it('refuses a pattern it cannot read', () => {
    expect(() => argoGlobMatch('{a,b', 'a')).toThrow(/unclosed \{/);
    expect(() => argoGlobMatch('[ab', 'a')).toThrow(/unclosed \[/);
    expect(() => argoGlobMatch('a\\', 'a')).toThrow(/escape/);
  });
});
