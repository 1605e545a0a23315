import { GitOpsRepository } from '@meshifi/node';
import { consoleLogger, keepRunning } from '@meshifi/node/daemon';
import { loadKubeConfig } from '@meshifi/node/kubernetes';
import { GitOpsSync } from './GitOpsSync';
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
    // Only reads: the author would sign commits it never makes.
    author: { name: 'meshifi-gitops-sync', email: 'gitops-sync@localhost' },
  });
  const sync = new GitOpsSync({
    repository,
    kubeConfig: loadKubeConfig(options.kubeconfig),
    logger,
    intervalMs: options.intervalMs,
  });
  keepRunning({ logger, stop: () => sync.stop() });
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
