import { CustomErrorBase } from '@backstage/errors';
import { spawn } from 'child_process';
import { redactUrl } from './redactUrl';

/**
 * A failed git command: what git said, never the credentials it was given.
 * git repeats the remote's URL in its messages: credentials in a URL are
 * removed from the arguments, the message and stderr.
 */
export class GitError extends CustomErrorBase {
  readonly args: string[];
  readonly stderr: string;

  constructor(
    args: string[],
    readonly exitCode: number | null,
    stderr: string,
  ) {
    const said = redactUrl(stderr);
    super(
      `git ${args[0]} failed: ${said.trim().split('\n').slice(-3).join(' ')}`,
    );
    this.name = 'GitError';
    this.args = args.map(redactUrl);
    this.stderr = said;
  }
}

export interface GitOptions {
  cwd: string;
  /**
   * git settings, e.g. an Authorization header. Passed in the environment,
   * never as arguments: any user of the host can read a process's
   * arguments, only its owner its environment. Never logged.
   */
  settings?: Record<string, string>;
  input?: string;
  /** Kill git after this long; a slow server must not hang a request. */
  timeoutMs?: number;
  env?: Record<string, string>;
}

/** Runs git and resolves to its stdout as text. */
export async function git(
  args: string[],
  options: GitOptions,
): Promise<string> {
  return (await gitBuffer(args, options)).toString('utf8');
}

/** Runs git and resolves to its stdout as bytes (for `cat-file --batch`). */
export function gitBuffer(
  args: string[],
  options: GitOptions,
): Promise<Buffer> {
  const env = {
    ...process.env,
    // Never ask a person for a password: fail instead.
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: 'echo',
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: { ...env, ...settingsEnvironment(env, options.settings) },
      timeout: options.timeoutMs,
      killSignal: 'SIGKILL',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', d => out.push(d));
    child.stderr.on('data', d => err.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) {
        resolve(Buffer.concat(out));
      } else if (signal === 'SIGKILL') {
        reject(
          new GitError(args, code, `timed out after ${options.timeoutMs} ms`),
        );
      } else {
        reject(new GitError(args, code, stderr));
      }
    });
    // git may exit before it read its input (it failed): 'close' reports that.
    child.stdin.on('error', () => undefined);
    if (options.input !== undefined) {
      child.stdin.end(options.input);
    } else {
      child.stdin.end();
    }
  });
}

/**
 * git settings as `GIT_CONFIG_COUNT`, `GIT_CONFIG_KEY_<n>` and
 * `GIT_CONFIG_VALUE_<n>` (git 2.31 and later), after the ones the
 * environment already has.
 */
function settingsEnvironment(
  env: NodeJS.ProcessEnv,
  settings: Record<string, string> = {},
): Record<string, string> {
  const entries = Object.entries(settings);
  if (entries.length === 0) {
    return {};
  }
  const first = Number(env.GIT_CONFIG_COUNT) || 0;
  const result: Record<string, string> = {
    GIT_CONFIG_COUNT: String(first + entries.length),
  };
  entries.forEach(([key, value], i) => {
    result[`GIT_CONFIG_KEY_${first + i}`] = key;
    result[`GIT_CONFIG_VALUE_${first + i}`] = value;
  });
  return result;
}
