import { spawn } from 'child_process';

/** A failed git command: what git said, never the credentials it was given. */
export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(
      `git ${args[0]} failed: ${stderr.trim().split('\n').slice(-3).join(' ')}`,
    );
    this.name = 'GitError';
  }
}

export interface GitOptions {
  cwd: string;
  /** Settings passed as `-c key=value`, e.g. an Authorization header. Never logged. */
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
  const settings = Object.entries(options.settings ?? {}).flatMap(([k, v]) => [
    '-c',
    `${k}=${v}`,
  ]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...settings, ...args], {
      cwd: options.cwd,
      env: {
        ...process.env,
        // Never ask a person for a password: fail instead.
        GIT_TERMINAL_PROMPT: '0',
        GIT_ASKPASS: 'echo',
        ...options.env,
      },
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
    if (options.input !== undefined) {
      child.stdin.end(options.input);
    } else {
      child.stdin.end();
    }
  });
}
