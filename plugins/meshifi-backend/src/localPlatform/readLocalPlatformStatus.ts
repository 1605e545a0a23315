import { readFileSync } from 'node:fs';

/**
 * Where the local platform that `./meshifi start` brings up in the
 * background stands, as its status file says: still starting (the first
 * start builds Kubernetes and Crossplane), ready, or failed with the log to
 * read. `unknown` when the file cannot be read or is not a status file: the
 * page then says what the clusters say, as without a local platform.
 */
export type LocalPlatformStatus =
  | { state: 'starting' }
  | { state: 'ready' }
  | { state: 'failed'; log?: string }
  | { state: 'unknown'; problem: string };

/** Whether a process runs; signal 0 only checks (EPERM: it runs as another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Reads the status file the start script writes:
 * `{"state":"starting","log":".meshifi/control-plane.log","pid":123}`,
 * `{"state":"ready"}` or `{"state":"failed","log":"..."}`. A start whose
 * process (pid) has ended without saying ready or failed was killed or
 * crashed: that is a failure too, not a start that goes on forever.
 */
export function readLocalPlatformStatus(
  file: string,
  isAlive: (pid: number) => boolean = processIsAlive,
): LocalPlatformStatus {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      state: 'unknown',
      problem:
        code === 'ENOENT'
          ? `the local platform's status file ${file} does not exist`
          : `cannot read the local platform's status file ${file} (${
              code ?? String(error)
            })`,
    };
  }
  let status: unknown;
  try {
    status = JSON.parse(text);
  } catch {
    status = undefined;
  }
  const notAStatus = {
    state: 'unknown',
    problem: `the local platform's status file ${file} is not a status: expected JSON with "state" starting, ready or failed`,
  } as const;
  if (typeof status !== 'object' || status === null) {
    return notAStatus;
  }
  const { state, log, pid } = status as Record<string, unknown>;
  const logPath = typeof log === 'string' && log ? log : undefined;
  switch (state) {
    case 'ready':
      return { state: 'ready' };
    case 'failed':
      return { state: 'failed', log: logPath };
    case 'starting':
      return typeof pid === 'number' && Number.isInteger(pid) && !isAlive(pid)
        ? { state: 'failed', log: logPath }
        : { state: 'starting' };
    default:
      return notAStatus;
  }
}
