import {
  DataAccess,
  DataDomain,
  dataDomainManifest,
  DataProduct,
  dataProductManifest,
  domainConflict,
  gitopsPath,
  lineOfField,
  meshProblems,
  NO_DOMAIN_NAMESPACE,
  printablePath,
  ProductIndex,
  versionRuleProblems,
  contractSnapshotOf,
} from '@meshifi/common';
import { RepositoryManifest } from './checkFile';
import {
  compareText,
  ValidationProblem,
  ValidationRule,
} from './ValidationProblem';

type Manifest<T> = RepositoryManifest & { manifest: T };

const byPath = (a: RepositoryManifest, b: RepositoryManifest) =>
  compareText(a.path, b.path);

function problemAt(
  { path, content }: RepositoryManifest,
  field: string,
  rule: ValidationRule,
  message: string,
): ValidationProblem {
  const line = lineOfField(content, field);
  return {
    file: printablePath(path),
    ...(line ? { line } : {}),
    rule,
    message,
  };
}

/**
 * Product names and service account ids, checked as the publish checks a
 * new product: each product against those before it by path, so that the
 * first file keeps its name and every later one is reported.
 */
function productProblems(
  products: Manifest<DataProduct>[],
): ValidationProblem[] {
  const index = new ProductIndex();
  const names = new Set<string>();
  const problems: ValidationProblem[] = [];
  for (const product of products) {
    const name = product.manifest.spec.info.name;
    const conflict = index.conflictOf(product.manifest);
    if (conflict) {
      problems.push(
        problemAt(
          product,
          'spec.info.name',
          names.has(name) ? 'unique-name' : 'unique-service-account',
          conflict,
        ),
      );
    }
    index.add(name, product.path);
    names.add(name);
  }
  return problems;
}

/** GCP projects, checked as the publish checks a new domain: each against those before it. */
function domainProblems(domains: Manifest<DataDomain>[]): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const before: DataDomain[] = [];
  for (const domain of domains) {
    const conflict = domainConflict(domain.manifest, before);
    if (conflict) {
      problems.push(
        problemAt(domain, 'spec.gcpProject', 'shared-project', conflict),
      );
    }
    before.push(domain.manifest);
  }
  return problems;
}

/** Products whose domain has no domain file in the repository: the platform has no project to put them in. */
function missingDomainProblems(
  products: Manifest<DataProduct>[],
  paths: ReadonlySet<string>,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const product of products) {
    const domain = product.manifest.spec.domain;
    if (!domain) {
      continue;
    }
    const domainFile = gitopsPath(
      dataDomainManifest(domain, { owner: '', gcpProject: '' }),
    );
    if (!paths.has(domainFile)) {
      problems.push(
        problemAt(
          product,
          'spec.domain',
          'missing-domain',
          `belongs to the domain "${domain}", which has no ${domainFile} in this repository: add the domain first (ask the platform team), or pick an existing domain.`,
        ),
      );
    }
  }
  return problems;
}

/**
 * Grants whose product has no file in the grant's domain: a grant lives in
 * its product's namespace, so the composition would find no product to
 * share, and the grant would fail on the cluster instead of here.
 */
function missingProductProblems(
  grants: Manifest<DataAccess>[],
  paths: ReadonlySet<string>,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const grant of grants) {
    const name = grant.manifest.spec.product;
    const namespace = grant.manifest.metadata.namespace ?? NO_DOMAIN_NAMESPACE;
    const domain = namespace === NO_DOMAIN_NAMESPACE ? undefined : namespace;
    const productFile = gitopsPath(
      dataProductManifest({
        info: { name, version: '0.0.0' },
        access: { owners: [] },
        ...(domain ? { domain } : {}),
      }),
    );
    if (!paths.has(productFile)) {
      const where = domain ? `the domain "${domain}"` : 'no domain';
      problems.push(
        problemAt(
          grant,
          'spec.product',
          'missing-product',
          `grants access to the data product "${name}", which has no ${productFile} in this repository: a grant lives in its product's domain, so name a product of ${where}, or move the grant to its product's domain.`,
        ),
      );
    }
  }
  return problems;
}

/**
 * The rules of lineage, as the publish checks them: each product against
 * every other product of the repository.
 */
function lineageProblems(
  products: Manifest<DataProduct>[],
): ValidationProblem[] {
  const mesh = products.map(product => product.manifest);
  return products.flatMap(product =>
    meshProblems(product.manifest, mesh).map(problem =>
      problemAt(product, problem.path, 'lineage', problem.message),
    ),
  );
}

/**
 * The version rule: each product against the same file at the base the
 * change is compared with, when there is one there. A product moved or
 * new has no version to keep to.
 */
function versionProblems(
  products: Manifest<DataProduct>[],
  before: ReadonlyMap<string, DataProduct>,
): ValidationProblem[] {
  return products.flatMap(product => {
    const previous = before.get(product.path);
    if (!previous) {
      return [];
    }
    return versionRuleProblems(
      contractSnapshotOf(previous),
      contractSnapshotOf(product.manifest),
    ).map(problem =>
      problemAt(product, problem.path, 'version-rule', problem.message),
    );
  });
}

/**
 * The rules between the files of a repository, over its valid manifests:
 * product names and service account ids unique across every domain, no
 * two domains in one GCP project, every product's domain defined, and
 * every grant's product in the grant's domain, every input port reading a
 * table that is there and no loop of them; and, against the products of a
 * base by path when given, the version rule.
 * `paths` is every path of the repository, read or not.
 */
export function checkRepository(
  manifests: RepositoryManifest[],
  paths: ReadonlySet<string>,
  baseProducts: ReadonlyMap<string, DataProduct> = new Map(),
): ValidationProblem[] {
  const sorted = [...manifests].sort(byPath);
  const products = sorted.filter(
    (m): m is Manifest<DataProduct> => m.manifest.kind === 'DataProduct',
  );
  const domains = sorted.filter(
    (m): m is Manifest<DataDomain> => m.manifest.kind === 'DataDomain',
  );
  const grants = sorted.filter(
    (m): m is Manifest<DataAccess> => m.manifest.kind === 'DataAccess',
  );
  return [
    ...productProblems(products),
    ...domainProblems(domains),
    ...missingDomainProblems(products, paths),
    ...missingProductProblems(grants, paths),
    ...lineageProblems(products),
    ...versionProblems(products, baseProducts),
  ];
}
