/** Where a daemon says what it does. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** One line per message, with a timestamp and a level, for the daemon's log file. */
export function consoleLogger(): Logger {
  const line = (level: string, message: string) =>
    `${new Date().toISOString()} ${level} ${message}\n`;
  return {
    info: message => process.stdout.write(line('info', message)),
    warn: message => process.stderr.write(line('warn', message)),
    error: message => process.stderr.write(line('error', message)),
  };
}
