import { ProvisioningReport } from '@meshifi/common';
import { ClusterReadError } from './ClusterReadError';
import {
  clusterFailureMessage,
  clusterSilenceMessage,
} from './clusterFailureMessage';
import { CLUSTER_TIMEOUT_SECONDS } from './clusterTimeout';
import { DomainContext } from './formatStatusText';
import { OpenedCluster } from './openCluster';
import { productReport } from './productReport';
import { ProductTarget, productTargetProblem } from './productTarget';
import { readProductFromCluster } from './readProductFromCluster';

/** What `meshifi status` found. */
export type ProductStatusAnswer =
  | { found: true; report: ProvisioningReport; domain: DomainContext }
  /**
   * No such product, or no single one (the name in several domains and no
   * --domain): a sentence saying so and what to try.
   */
  | { found: false; message: string };

/** Rejects when the cluster has not answered in time. */
async function inTime<T>(
  work: Promise<T>,
  timeoutMs: number,
  message: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A product's report from a cluster, or why there is none. A cluster that
 * cannot be read throws an Error saying which server and what to do.
 */
export async function productStatus(
  cluster: OpenedCluster,
  target: ProductTarget,
  options: { now?: () => Date; timeoutSeconds?: number } = {},
): Promise<ProductStatusAnswer> {
  const problem = productTargetProblem(target);
  if (problem) {
    return { found: false, message: problem };
  }
  const seconds = options.timeoutSeconds ?? CLUSTER_TIMEOUT_SECONDS;
  let lookup;
  try {
    lookup = await inTime(
      readProductFromCluster(cluster.kubeConfig, target),
      seconds * 1000,
      clusterSilenceMessage(cluster.target, seconds),
    );
  } catch (error) {
    if (error instanceof ClusterReadError) {
      throw new Error(clusterFailureMessage(error, cluster.target));
    }
    throw error;
  }
  const inDomain = target.domain ? ` in the domain ${target.domain}` : '';
  switch (lookup.found) {
    case 'none':
      return {
        found: false,
        message: `The cluster at ${cluster.target.server} has no data product ${target.name}${inDomain}. Check the name and the domain. If its file is in the GitOps repository, run meshifi validate there: a file with problems is not applied; a file merged a moment ago may not be applied yet.`,
      };
    case 'several':
      return {
        found: false,
        message: `The domains ${lookup.domains.join(
          ', ',
        )} each have a data product ${
          target.name
        }: say which one you mean with --domain, for example meshifi status ${
          target.name
        } --domain ${lookup.domains[0]}.`,
      };
    default:
      return {
        found: true,
        domain: {
          name: lookup.product.xr.metadata.namespace,
          owner: lookup.product.domain?.spec?.owner,
        },
        report: productReport(
          lookup.product,
          cluster.target.context,
          (options.now ?? (() => new Date()))(),
        ),
      };
  }
}
