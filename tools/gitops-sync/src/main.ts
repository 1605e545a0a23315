import { GitOpsRepository } from '@meshifi/node';
import { consoleLogger, keepRunning } from '@meshifi/daemon';
import { loadKubeConfig } from '@meshifi/node/kubernetes';
import { DEFAULT_MAX_PRUNE_PERCENT, GitOpsSync } from './GitOpsSync';
import { parseOptions, USAGE } from './options';

// The command the bundle (dist/gitops-sync.js) runs; see README.md.
function main() {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const logger = consoleLogger();
  const repository = new GitOpsRepository({
    remote: options.repository,
    branch: options.branch,
    mirrorDir: options.mirrorDir,
    // The whole history: a new head must descend from the last one applied.
    fullHistory: true,
    // Only reads: the author would sign commits it never makes.
    author: { name: 'meshifi-gitops-sync', email: 'gitops-sync@localhost' },
  });
  const sync = new GitOpsSync({
    repository,
    kubeConfig: loadKubeConfig(options.kubeconfig),
    logger,
    intervalMs: options.intervalMs,
    namespace: options.namespace,
    maxPrunePercent: options.maxPrunePercent,
    acceptHead: options.acceptHead,
  });
  keepRunning({ logger, stop: () => sync.stop() });
  logger.info(
    // The repository's remote carries no credentials: they went to git's environment.
    `applying ${repository.remote} (branch ${options.branch}) every ${
      options.intervalMs
    } ms; state and events in the namespace ${
      options.namespace ?? 'default'
    }, pruning at most ${
      options.maxPrunePercent ?? DEFAULT_MAX_PRUNE_PERCENT
    }% in a pass${
      options.acceptHead ? `; the operator accepts ${options.acceptHead}` : ''
    }`,
  );
  sync.start();
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(2);
}
