import {
  DataDomain,
  dataDomainManifest,
  DataProduct,
  domainConflict,
  gitopsPath,
  lineOfField,
  printablePath,
  ProductIndex,
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
 * The rules between the files of a repository, over its valid manifests:
 * product names and service account ids unique across every domain, no
 * two domains in one GCP project, and every product's domain defined.
 * `paths` is every path of the repository, read or not.
 */
export function checkRepository(
  manifests: RepositoryManifest[],
  paths: ReadonlySet<string>,
): ValidationProblem[] {
  const sorted = [...manifests].sort(byPath);
  const products = sorted.filter(
    (m): m is Manifest<DataProduct> => m.manifest.kind === 'DataProduct',
  );
  const domains = sorted.filter(
    (m): m is Manifest<DataDomain> => m.manifest.kind === 'DataDomain',
  );
  return [
    ...productProblems(products),
    ...domainProblems(domains),
    ...missingDomainProblems(products, paths),
  ];
}
