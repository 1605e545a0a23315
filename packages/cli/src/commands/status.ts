import { Command, Option } from 'commander';
import { CLUSTER_TIMEOUT_SECONDS } from '../status/clusterTimeout';
import { formatStatusText } from '../status/formatStatusText';
import { parseTimeoutSeconds } from './statusTimeout';

/**
 * The Kubernetes client, loaded only when `status` runs: the other commands
 * never touch a cluster and start faster without it. Its HTTP stack
 * (node-fetch 2, whatwg-url) loads Node's deprecated punycode module, a
 * warning a user can do nothing about; it is silenced for this command.
 */
async function loadClusterReading() {
  process.noDeprecation = true;
  const [{ openCluster }, { productStatus }] = await Promise.all([
    import('../status/openCluster'),
    import('../status/productStatus'),
  ]);
  return { openCluster, productStatus };
}

interface StatusOptions {
  domain?: string;
  kubeconfig?: string;
  context?: string;
  timeout: number;
  format: 'text' | 'json';
}

/**
 * `meshifi status PRODUCT`: the product's state in the cluster and its
 * resources, as its page shows them. Exit 1 when the cluster has no such
 * product, or when products of several domains have its name and no
 * --domain says which; 2 when the cluster cannot be read or does not answer
 * in time.
 */
export function statusCommand(): Command {
  return new Command('status')
    .description(
      "A data product's state in the cluster and its resources, as its page in Backstage shows them",
    )
    .argument('<product>', 'the name of the data product')
    .option(
      '--domain <domain>',
      'its domain, when products of several domains share its name',
    )
    .option(
      '--kubeconfig <path>',
      'the kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config)',
    )
    .option('--context <context>', 'the kubeconfig context to use')
    .option(
      '--timeout <seconds>',
      'how long to wait for the cluster to answer',
      parseTimeoutSeconds,
      CLUSTER_TIMEOUT_SECONDS,
    )
    .addOption(
      new Option('--format <format>', 'text for a person, json for tools')
        .choices(['text', 'json'])
        .default('text'),
    )
    .action(async (product: string, options: StatusOptions) => {
      const { openCluster, productStatus } = await loadClusterReading();
      const cluster = openCluster(options);
      const answer = await productStatus(
        cluster,
        { name: product, domain: options.domain },
        { timeoutSeconds: options.timeout },
      );
      if (!answer.found) {
        process.stderr.write(`meshifi: ${answer.message}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(
        options.format === 'json'
          ? `${JSON.stringify(answer.report, null, 2)}\n`
          : formatStatusText(answer.report, answer.domain),
      );
    });
}
