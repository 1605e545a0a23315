import { Logger } from './consoleLogger';

/**
 * Makes the process a daemon: an unexpected error is logged, never the end
 * of the process; SIGTERM and SIGINT stop the work, then exit.
 */
export function keepRunning(options: {
  logger: Logger;
  stop: () => Promise<void>;
}) {
  const { logger } = options;
  process.on('unhandledRejection', error =>
    logger.error(`unexpected error: ${error}`),
  );
  const stop = () => {
    logger.info('stopping');
    options.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
