import { spawn } from 'child_process';
import { build } from 'esbuild';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';

/** What one run of the built binary did. */
export interface CliResult {
  /** The exit code; null when a signal ended the process. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How to run the binary. */
export interface CliRunOptions {
  /** The working directory, as a user's shell would have it. */
  cwd?: string;
  /** Variables added to the environment. */
  env?: Record<string, string>;
  /** Written to the binary's standard input, which is then closed. */
  input?: string;
  /** How long the run may take before it is killed and the test fails. */
  timeoutMs?: number;
}

/** Runs the built `meshifi` binary with arguments, as a user runs it. */
export type RunCli = (
  args: string[],
  options?: CliRunOptions,
) => Promise<CliResult>;

const DEFAULT_TIMEOUT_MS = 30_000;

/** Bundles src/main.ts as `yarn bundle` does, into a file of its own. */
async function bundleCli(outfile: string): Promise<void> {
  await build({
    entryPoints: [path.resolve(__dirname, '../main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
}

function spawnCli(
  bundle: string,
  args: string[],
  options: CliRunOptions,
): Promise<CliResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      cwd: options.cwd ?? process.cwd(),
      // No colours and no terminal: what a CI log gets.
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', chunk => stdout.push(chunk));
    child.stderr.on('data', chunk => stderr.push(chunk));
    // A hung binary is a failure of its own, never a test that waits forever.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `meshifi ${args.join(
            ' ',
          )} did not finish within ${timeoutMs} ms and was killed.\n` +
            `stdout so far:\n${Buffer.concat(stdout).toString()}\n` +
            `stderr so far:\n${Buffer.concat(stderr).toString()}`,
        ),
      );
    }, timeoutMs);
    child.on('error', error => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', code => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString(),
        stderr: Buffer.concat(stderr).toString(),
      });
    });
    child.stdin.on('error', () => {
      // The binary may exit before reading its input: that is its answer.
    });
    child.stdin.end(options.input ?? '');
  });
}

/**
 * The built binary for the tests of one file: bundled once, before the
 * file's tests (its `beforeAll`), removed after them. Call it at the top
 * of a test file or a describe block:
 *
 *   const runCli = useBuiltCli();
 *   const { code, stdout } = await runCli(['validate'], { cwd: repo });
 */
export function useBuiltCli(): RunCli {
  let dir: string | undefined;
  let bundle: string | undefined;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshifi-cli-'));
    bundle = path.join(dir, 'meshifi.js');
    await bundleCli(bundle);
  }, 60_000);
  afterAll(async () => {
    if (dir) {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
  return (args, options = {}) => {
    if (!bundle) {
      throw new Error(
        'useBuiltCli(): the binary is built in beforeAll; run it from a test',
      );
    }
    return spawnCli(bundle, args, options);
  };
}
