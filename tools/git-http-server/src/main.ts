import { consoleLogger, keepRunning } from '@meshifi/daemon';
import { parseOptions, USAGE } from './options';
import { startReadOnlyGitServer } from './readOnlyGitServer';

// The command the bundle (dist/git-http-server.js) runs; see README.md.
async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const logger = consoleLogger();
  const server = await startReadOnlyGitServer({ ...options, logger });
  keepRunning({ logger, stop: () => server.stop() });
  logger.info(`serving ${options.repository} read-only at ${server.url}`);
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(2);
});
