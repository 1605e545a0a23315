import { KubeConfig } from '@kubernetes/client-node';
import { GitOpsRepository } from '@meshifi/node';
import { GitOpsSync } from './GitOpsSync';
import { consoleLogger } from './logger';
import { parseOptions, USAGE } from './options';

// The command the bundle (dist/gitops-sync.js) runs; see README.md.
function main() {
  const options = parseOptions(process.argv.slice(2), process.env);
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const logger = consoleLogger();
  const kubeConfig = new KubeConfig();
  if (options.kubeconfig) {
    kubeConfig.loadFromFile(options.kubeconfig);
  } else {
    kubeConfig.loadFromDefault();
  }
  const repository = new GitOpsRepository({
    remote: options.repository,
    branch: options.branch,
    mirrorDir: options.mirrorDir,
    // Only reads: the author would sign commits it never makes.
    author: { name: 'meshifi-gitops-sync', email: 'gitops-sync@localhost' },
  });
  const sync = new GitOpsSync({
    repository,
    kubeConfig,
    logger,
    intervalMs: options.intervalMs,
  });
  // A daemon: an unexpected error is logged, never the end of the process.
  process.on('unhandledRejection', error =>
    logger.error(`unexpected error: ${error}`),
  );
  const stop = () => {
    logger.info('stopping');
    sync.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Credentials may be part of an http(s) URL: never in the log.
  const shown = options.repository.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i,
    '$1',
  );
  logger.info(
    `applying ${shown} (branch ${options.branch}) every ${options.intervalMs} ms`,
  );
  sync.start();
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(2);
}
