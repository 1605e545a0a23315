import {
  ComposedResource,
  CROSSPLANE_ANNOTATIONS,
  DataProduct,
  isGitopsManifestPath,
  isGrantPath,
  PlatformConfig,
  resourcePurpose,
} from '@meshifi/common';
import { ComposedFile, composeProductFile } from './composeProductFile';
import { FieldChange, fieldChanges } from './fieldChanges';
import { pathsOf, RepositorySnapshot } from './repositorySnapshot';
import { resourceIdentity } from './resourceIdentity';

/** A managed resource a change creates or deletes, in words. */
export interface PlannedResource {
  kind: string;
  /** Its name in the cluster. */
  name: string;
  /** Its name in Google Cloud, when meshifi sets it: a dataset's id, a service account's. */
  externalName?: string;
  /** What it is in Google Cloud: "BigQuery dataset orders_raw (raw layer) in EU, project acme-sales-data". */
  summary: string;
  /** What it is for the product: "the raw dataset". */
  purpose: string;
  role: string;
  layer?: string;
  owner?: string;
  project?: string;
}

/** A managed resource a change keeps but sets other values on. */
export interface PlannedChange extends PlannedResource {
  fields: FieldChange[];
}

/** What a change does to one data product's resources. */
export interface ProductPlan {
  product: string;
  domain?: string;
  /** The product's file, relative to the repository's root. */
  file: string;
  create: PlannedResource[];
  change: PlannedChange[];
  delete: PlannedResource[];
  /** Why some or all of the product cannot be planned, in words. */
  problems: string[];
}

/** A BigQuery dataset the change deletes: its tables go with it. */
export interface DataLoss {
  product: string;
  domain?: string;
  file: string;
  dataset: string;
  project?: string;
  layer?: string;
  summary: string;
}

/** A domain file the change adds, edits or removes. */
export interface DomainPlan {
  domain: string;
  file: string;
  action: 'create' | 'change' | 'delete';
}

/** What merging a change does in Google Cloud, by product. */
export interface ChangePlan {
  products: ProductPlan[];
  dataLoss: DataLoss[];
  domains: DomainPlan[];
}

const DOMAIN_FILE = /^domains\/([^/]+)\/domain\.yaml$/;

// A grant's file is no product's: read as one, every change that adds a
// grant would be planned as a broken product.
const isProductPath = (path: string) =>
  isGitopsManifestPath(path) && !DOMAIN_FILE.test(path) && !isGrantPath(path);

function planned(composed: ComposedResource): PlannedResource {
  const forProvider =
    (composed.resource.spec as { forProvider?: Record<string, unknown> })
      ?.forProvider ?? {};
  const externalName =
    composed.resource.metadata.annotations?.[
      CROSSPLANE_ANNOTATIONS.externalName
    ];
  return {
    kind: composed.resource.kind,
    name: composed.resource.metadata.name,
    ...(externalName ? { externalName } : {}),
    summary: composed.summary,
    purpose: resourcePurpose({
      role: composed.role,
      layer: composed.layer,
      kind: composed.resource.kind,
      member:
        typeof forProvider.member === 'string' ? forProvider.member : undefined,
    }),
    role: composed.role,
    ...(composed.layer ? { layer: composed.layer } : {}),
    ...(composed.owner ? { owner: composed.owner } : {}),
    ...(typeof forProvider.project === 'string'
      ? { project: forProvider.project }
      : {}),
  };
}

const byIdentity = (resources: ComposedResource[]) =>
  new Map(resources.map(r => [resourceIdentity(r.resource), r]));

/** Datasets first: what loses data is what a reviewer must see first. */
const datasetsFirst = (a: PlannedResource, b: PlannedResource) =>
  Number(b.role === 'dataset') - Number(a.role === 'dataset');

/** The resources one side composes and the other does not, and those both compose differently. */
function diffResources(before: ComposedResource[], after: ComposedResource[]) {
  const old = byIdentity(before);
  const next = byIdentity(after);
  const create = [...next.entries()]
    .filter(([identity]) => !old.has(identity))
    .map(([, r]) => planned(r));
  const remove = [...old.entries()]
    .filter(([identity]) => !next.has(identity))
    .map(([, r]) => planned(r))
    .sort(datasetsFirst);
  const change: PlannedChange[] = [];
  for (const [identity, r] of next) {
    const was = old.get(identity);
    const fields = was ? fieldChanges(was.resource.spec, r.resource.spec) : [];
    if (fields.length > 0) {
      change.push({ ...planned(r), fields });
    }
  }
  return { create, change, delete: remove };
}

const describeLocation = (product: DataProduct) =>
  product.spec.location === undefined
    ? '(not set)'
    : `"${product.spec.location}"`;

/**
 * Why the cluster refuses the new version of a product the base already
 * has: the XRD keeps the location, which BigQuery cannot move, fixed.
 */
function refusal(before: ComposedFile, after: ComposedFile) {
  if (before.state !== 'composed' || after.state !== 'composed') {
    return undefined;
  }
  if (before.product.spec.location === after.product.spec.location) {
    return undefined;
  }
  return `spec.location changes from ${describeLocation(
    before.product,
  )} to ${describeLocation(
    after.product,
  )}, which the platform refuses (BigQuery cannot move a dataset), so nothing of this product changes: keep the location, or create a new product in the new location.`;
}

function planProduct(
  file: string,
  before: ComposedFile,
  after: ComposedFile,
): ProductPlan {
  const known = [after, before].find(
    (side): side is Extract<ComposedFile, { state: 'composed' }> =>
      side.state === 'composed',
  );
  const plan: ProductPlan = {
    product:
      known?.product.spec.info.name ??
      file.replace(/^.*\//, '').replace(/\.yaml$/, ''),
    ...(known?.product.spec.domain
      ? { domain: known.product.spec.domain }
      : {}),
    file,
    create: [],
    change: [],
    delete: [],
    problems: [],
  };
  if (after.state === 'broken') {
    // What the platform does with a file it cannot compose is not a plan.
    plan.problems.push(
      `${after.message} Nothing of this product is planned until it is fixed (meshifi validate says more).`,
    );
    return plan;
  }
  const refused = refusal(before, after);
  if (refused) {
    plan.problems.push(refused);
    return plan;
  }
  if (before.state === 'broken') {
    plan.problems.push(
      `Its version at the base is broken, so everything it composes now is shown as new: ${before.message}`,
    );
  }
  const diff = diffResources(
    before.state === 'composed' ? before.resources : [],
    after.state === 'composed' ? after.resources : [],
  );
  return { ...plan, ...diff };
}

const hasNothing = (plan: ProductPlan) =>
  plan.create.length + plan.change.length + plan.delete.length === 0 &&
  plan.problems.length === 0;

const sameFile = (
  base: RepositorySnapshot,
  head: RepositorySnapshot,
  path: string,
) =>
  base.files.get(path) === head.files.get(path) &&
  base.unreadable.get(path) === head.unreadable.get(path);

function dataLossOf(plan: ProductPlan): DataLoss[] {
  return plan.delete
    .filter(r => r.role === 'dataset')
    .map(r => ({
      product: plan.product,
      ...(plan.domain ? { domain: plan.domain } : {}),
      file: plan.file,
      dataset: r.externalName ?? r.name,
      ...(r.project ? { project: r.project } : {}),
      ...(r.layer ? { layer: r.layer } : {}),
      summary: r.summary,
    }));
}

function planDomains(
  base: RepositorySnapshot,
  head: RepositorySnapshot,
): DomainPlan[] {
  const paths = [...new Set([...pathsOf(base), ...pathsOf(head)])]
    .filter(path => DOMAIN_FILE.test(path))
    .sort();
  const exists = (side: RepositorySnapshot, path: string) =>
    side.files.has(path) || side.unreadable.has(path);
  const plans: DomainPlan[] = [];
  for (const file of paths) {
    const [, domain] = DOMAIN_FILE.exec(file)!;
    if (!exists(base, file)) {
      plans.push({ domain, file, action: 'create' });
    } else if (!exists(head, file)) {
      plans.push({ domain, file, action: 'delete' });
    } else if (
      base.files.get(file) !== head.files.get(file) ||
      base.unreadable.has(file) !== head.unreadable.has(file)
    ) {
      plans.push({ domain, file, action: 'change' });
    }
  }
  return plans;
}

/**
 * What merging a change does in Google Cloud: every product file of either
 * side composed with the model's compose() against its own side's domain,
 * and the managed resources matched by their identity in Google Cloud.
 * Pure: the snapshots hold what it needs (see RepositorySnapshot). Products
 * whose file and resources do not change are left out; a domain file's
 * change shows in its products' resources (a new project moves them).
 */
export function planChange(
  base: RepositorySnapshot,
  head: RepositorySnapshot,
  platform: PlatformConfig,
): ChangePlan {
  const files = [...new Set([...pathsOf(base), ...pathsOf(head)])]
    .filter(isProductPath)
    .sort();
  const products: ProductPlan[] = [];
  for (const file of files) {
    const plan = planProduct(
      file,
      composeProductFile(base, file, platform),
      composeProductFile(head, file, platform),
    );
    // A product whose own file changed is listed even when nothing changes
    // in Google Cloud: the reviewer learns that the edit is harmless.
    if (!hasNothing(plan) || !sameFile(base, head, file)) {
      products.push(plan);
    }
  }
  return {
    products,
    dataLoss: products.flatMap(dataLossOf),
    domains: planDomains(base, head),
  };
}
