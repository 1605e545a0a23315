import {
  domainProductsIgnore,
  KubernetesObject,
  LABELS,
} from '@meshifi/common';

/**
 * Flux applies each domain's products (and their access grants) on its own,
 * so that a broken product or grant file holds back only the products of
 * its domain: a Kustomization is built and applied as a whole, and one for
 * the whole repository stopped every domain on one bad file.
 *
 * The platform team marks one Flux GitRepository of the GitOps repository
 * (deploy/flux's meshifi-products) with LABELS.productsSource. Each DataDomain
 * then composes, beside it, a GitRepository narrowed to its own products and
 * access folders and the Kustomization that applies it. Its own source, not
 * a path into a shared one: a folder left without products is not in a
 * shared source's artifact at all, and Flux fails on a missing path instead
 * of pruning the last product; a source's root always exists.
 */

/** The CRD whose presence says Flux runs here: without it there is no source to ask for. */
export const FLUX_SOURCE_CRD = 'gitrepositories.source.toolkit.fluxcd.io';

const SOURCE_API_VERSION = 'source.toolkit.fluxcd.io/v1';
const KUSTOMIZATION_API_VERSION = 'kustomize.toolkit.fluxcd.io/v1';

/** The identity deploy/flux ships beside the source: it may apply DataDomains, DataProducts and DataAccesses only. */
export const FLUX_APPLIER_SERVICE_ACCOUNT = 'meshifi-gitops';

/**
 * How long one apply may take, and how often Flux re-applies an unchanged
 * commit (undoing a hand edit), as deploy/flux's own Kustomizations do: a
 * new commit is applied as soon as the source has it, whatever this says.
 */
const APPLY_TIMEOUT = '5m';
const REAPPLY_INTERVAL = '5m';

/** A Flux GitRepository as the function reads it. */
export interface FluxGitRepository extends KubernetesObject {
  spec?: { interval?: string } & Record<string, unknown>;
}

/** The selector with which the function asks whether Flux's GitRepository API exists. */
export function fluxSourceCrdSelector() {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    matchName: FLUX_SOURCE_CRD,
  };
}

/** The selector with which the function asks for the marked GitRepository, in any namespace. */
export function productsSourceSelector() {
  return {
    apiVersion: SOURCE_API_VERSION,
    kind: 'GitRepository',
    matchLabels: { labels: { [LABELS.productsSource]: 'true' } },
  };
}

/** The one marked source, or why none is used (undefined when none is marked). */
export function chooseProductsSource(sources: FluxGitRepository[]): {
  source?: FluxGitRepository;
  problem?: string;
} {
  if (sources.length <= 1) {
    return { source: sources[0] };
  }
  const names = sources
    .map(s => `${s.metadata.namespace}/${s.metadata.name}`)
    .sort()
    .join(', ');
  return {
    problem: `Several Flux GitRepositories are labelled ${LABELS.productsSource}=true (${names}): label only the one of the GitOps repository, so that each domain knows where its products come from. Until then no domain's products are applied by a Kustomization of its own.`,
  };
}

/** The name of a domain's products source and Kustomization. */
export function domainProductsApplierName(domain: string): string {
  return `meshifi-products-${domain}`;
}

/**
 * The GitRepository and Kustomization that apply the products of `domain`
 * and their grants, keyed by their name in the composition.
 *
 * The source is the marked one narrowed to the domain's folder: its URL,
 * branch, credentials and interval as the platform team set them.
 * The Kustomization prunes (a removed product file deletes its DataProduct,
 * a removed grant file its DataAccess),
 * puts every object in the domain's namespace (a file in this folder cannot
 * reach another domain's), and orphans what it applied when it is deleted:
 * deleting a domain never deletes products through Flux.
 */
export function composeDomainProductsApplier(
  domain: string,
  source: FluxGitRepository,
): Record<string, Record<string, unknown>> {
  const name = domainProductsApplierName(domain);
  const namespace = source.metadata.namespace;
  const labels = {
    'app.kubernetes.io/part-of': 'meshifi',
    [LABELS.productsOf]: domain,
  };
  // A failed apply is tried again as often as the source looks for commits.
  const retryInterval = source.spec?.interval ?? '1m';
  const {
    suspend: _suspend,
    ignore: _ignore,
    ...sourceSpec
  } = source.spec ?? {};
  return {
    'products-source': {
      apiVersion: SOURCE_API_VERSION,
      kind: 'GitRepository',
      metadata: { name, namespace, labels },
      spec: { ...sourceSpec, ignore: domainProductsIgnore(domain) },
    },
    'products-applier': {
      apiVersion: KUSTOMIZATION_API_VERSION,
      kind: 'Kustomization',
      metadata: { name, namespace, labels },
      spec: {
        sourceRef: { kind: 'GitRepository', name },
        // The source's root: it exists even when the folder has no products left.
        path: './',
        targetNamespace: domain,
        interval: REAPPLY_INTERVAL,
        retryInterval,
        timeout: APPLY_TIMEOUT,
        serviceAccountName: FLUX_APPLIER_SERVICE_ACCOUNT,
        prune: true,
        deletionPolicy: 'Orphan',
        // A product provisions for minutes; its state is on its page.
        wait: false,
      },
    },
  };
}
