import { consoleLogger, keepRunning } from '@meshifi/daemon';
import { loadKubeConfig } from '@meshifi/node/kubernetes';
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
  const provider = new StandInProvider({
    kubeConfig: loadKubeConfig(options.kubeconfig),
    logger,
    delayMs: options.delayMs,
  });
  keepRunning({ logger, stop: () => provider.stop() });
  await provider.start();
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(2);
});
