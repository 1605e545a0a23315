import { CommanderError } from 'commander';
import { createProgram } from './program';

// The entry point of the bundled binary. Commander's own errors (an unknown
// option, a missing argument) have already been printed with the help; any
// other error is a message for a person, never a stack trace.
createProgram()
  .parseAsync(process.argv)
  .catch(error => {
    if (error instanceof CommanderError) {
      process.exit(error.exitCode);
    }
    process.stderr.write(
      `meshifi: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(2);
  });
