import { LABELS, PRODUCTS_OF_NO_DOMAIN } from '../constants';
import { gitopsPath } from '../gitops/paths';
import { NO_DOMAIN_NAMESPACE } from './productsOf';
import { printableLine } from '../gitops/readGitopsFile';
import { Condition, DataProduct, KubernetesObject } from '../model/types';

/**
 * Whether the GitOps sync (a Flux Kustomization per domain, labelled
 * `LABELS.productsOf`) applies a product's file:
 *
 * - `applied`: the last commit was applied;
 * - `applying`: a commit is being applied, or has not been tried yet;
 * - `file-failed`: this product's own file could not be built, or the
 *   cluster refused the product it describes;
 * - `held-back`: something else the same Kustomization applies failed
 *   (another product's file, when the message names one), so no change to
 *   the domain's products is applied, this product's included: it keeps its
 *   last applied state, or is not created yet.
 *
 * `reason` is the controller's message, one line, without the temporary
 * folder it built in, and at most `GITOPS_APPLY_REASON_MAX_LENGTH` long.
 */
export type GitopsApply =
  | { state: 'applied' }
  | { state: 'applying' }
  | { state: 'file-failed'; file: string; reason: string }
  | {
      state: 'held-back';
      /** The product's domain; none for the products of no domain. */
      domain?: string;
      /** The repository file that could not be applied, when the message names one. */
      file?: string;
      /** The product the cluster refused, when the message names one. */
      product?: string;
      reason: string;
    };

/** A product as the GitOps repository holds it. */
export interface GitopsProduct {
  namespace: string;
  name: string;
  /** Its file in the GitOps repository (gitopsPath). */
  file: string;
}

/**
 * A product's file in the GitOps repository: where its manifest says, or,
 * without a manifest that names it, where meshifi would write a product of
 * that namespace (its domain's, or `default` for no domain).
 */
export function gitopsProductOf(
  namespace: string,
  name: string,
  manifest?: DataProduct,
): GitopsProduct {
  try {
    if (manifest?.spec?.info) {
      return { namespace, name, file: gitopsPath(manifest) };
    }
  } catch {
    // A name meshifi would not write: the namespace's convention below.
  }
  const file =
    namespace === NO_DOMAIN_NAMESPACE
      ? `products/${name}.yaml`
      : `domains/${namespace}/products/${name}.yaml`;
  return { namespace, name, file };
}

/** How much of a controller's message a page shows: enough for a YAML error's line. */
export const GITOPS_APPLY_REASON_MAX_LENGTH = 300;

/** A path longer than this is cut: meshifi's own are far shorter. */
const FILE_MAX_LENGTH = 200;

/**
 * How much of a message is read at all: the file's path comes first in
 * Flux's messages, and the patterns below stay fast on this much.
 */
const MESSAGE_READ_LENGTH = 4000;

/**
 * The folder kustomize-controller builds in (os.MkdirTemp's
 * `kustomization-<digits>`, anywhere), up to the repository's root.
 */
const TEMPORARY_FOLDER = /[^\s'"]*\/kustomization-\d+\//g;

/** A file of meshifi's layout, repository-relative, as Flux's messages quote it. */
const PRODUCT_FILE =
  /(?:^|[\s'"(:])((?:domains\/[^\s'"/:]+\/)?products\/[^\s'"/:]+\.ya?ml)(?=$|[\s'"):])/g;

/** The object a server-side apply failed on, `DataProduct/<namespace>/<name>` (fluxcd/pkg/ssa). */
const REFUSED_PRODUCT =
  /(?:^|[\s'"(])DataProduct\/([^\s'"/:]+)\/([^\s'"/:]+)(?=[\s:])/g;

/** Said by Flux before every build error; adds nothing for a reader. */
const BUILD_PREFIX = /^kustomize build failed: /;

function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The domain whose Kustomization applies a file, or PRODUCTS_OF_NO_DOMAIN. */
function productsOf(file: string): string {
  const match = /^domains\/([^/]+)\/products\//.exec(file);
  return match ? match[1] : PRODUCTS_OF_NO_DOMAIN;
}

/** The Ready condition, read defensively: a status is the controller's, not ours. */
function readyOf(kustomization: KubernetesObject): Condition | undefined {
  const conditions = (kustomization.status as { conditions?: unknown })
    ?.conditions;
  if (!Array.isArray(conditions)) {
    return undefined;
  }
  return conditions.find(
    (c): c is Condition =>
      typeof c === 'object' && c !== null && c.type === 'Ready',
  );
}

/** What one Kustomization of the product's folder says about it. */
function verdictOf(
  product: GitopsProduct,
  kustomization: KubernetesObject,
): GitopsApply {
  const ready = readyOf(kustomization);
  if (ready?.status === 'True') {
    return { state: 'applied' };
  }
  if (ready?.status !== 'False') {
    return { state: 'applying' };
  }
  const raw =
    typeof ready.message === 'string'
      ? ready.message.slice(0, MESSAGE_READ_LENGTH)
      : '';
  const message = printableLine(raw.replace(TEMPORARY_FOLDER, ''));
  const reason = bounded(
    message.replace(BUILD_PREFIX, '') ||
      printableLine(String(ready.reason ?? '')) ||
      'no reason given',
    GITOPS_APPLY_REASON_MAX_LENGTH,
  );
  const files = [...message.matchAll(PRODUCT_FILE)].map(m => m[1]);
  const refused = [...message.matchAll(REFUSED_PRODUCT)].map(m => ({
    namespace: m[1],
    name: m[2],
  }));
  if (
    files.includes(product.file) ||
    refused.some(
      r => r.namespace === product.namespace && r.name === product.name,
    )
  ) {
    return { state: 'file-failed', file: product.file, reason };
  }
  const domain = productsOf(product.file);
  return {
    state: 'held-back',
    ...(domain !== PRODUCTS_OF_NO_DOMAIN && { domain }),
    ...(files[0] && { file: bounded(files[0], FILE_MAX_LENGTH) }),
    ...(!files[0] &&
      refused[0] && { product: bounded(refused[0].name, FILE_MAX_LENGTH) }),
    reason,
  };
}

/** Which verdict wins when several Kustomizations apply the same folder. */
const SEVERITY: Record<GitopsApply['state'], number> = {
  applied: 0,
  applying: 1,
  'held-back': 2,
  'file-failed': 3,
};

/**
 * Whether the GitOps sync applies a product's file, from the Kustomizations
 * labelled for its domain (or for the products of no domain); undefined
 * when none is: that cluster's sync is not known to meshifi.
 */
export function gitopsApplyOf(
  product: GitopsProduct,
  kustomizations: readonly KubernetesObject[],
): GitopsApply | undefined {
  const domain = productsOf(product.file);
  let worst: GitopsApply | undefined;
  for (const kustomization of kustomizations) {
    if (kustomization.metadata?.labels?.[LABELS.productsOf] !== domain) {
      continue;
    }
    const verdict = verdictOf(product, kustomization);
    if (!worst || SEVERITY[verdict.state] > SEVERITY[worst.state]) {
      worst = verdict;
    }
  }
  return worst;
}
