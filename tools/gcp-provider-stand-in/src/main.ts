import { KubeConfig } from '@kubernetes/client-node';
import { consoleLogger } from './logger';
import { parseOptions, USAGE } from './options';
import { StandInProvider } from './StandInProvider';

// The command the bundle (dist/gcp-provider-stand-in.js) runs; see README.md.
async function main() {
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
  const provider = new StandInProvider({
    kubeConfig,
    logger,
    delayMs: options.delayMs,
  });
  // A daemon: an unexpected error is logged, never the end of the process.
  process.on('unhandledRejection', error =>
    logger.error(`unexpected error: ${error}`),
  );
  const stop = () => {
    logger.info('stopping');
    provider.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  await provider.start();
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(2);
});
