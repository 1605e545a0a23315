import { build } from 'esbuild';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  developmentFunctions,
  LocalFunction,
  startLocalFunction,
} from './localFunction';
import { repositoryRoot } from './repositoryRoot';

/** The functions meshifi's Compositions run, served for `crossplane render`. */
export interface RenderFunctions {
  /** The Function objects that point `crossplane render` at the servers. */
  functionsFile: string;
  stop(): Promise<void>;
}

/**
 * Serves meshifi's composition function, bundled from its source as the
 * package's `bundle` script does, and function-auto-ready (the binary at
 * `functionAutoReady`) on loopback, and writes the functions file for
 * `crossplane render` into `workDir`.
 */
export async function startRenderFunctions(
  workDir: string,
  functionAutoReady: string,
): Promise<RenderFunctions> {
  const bundle = path.join(workDir, 'function.js');
  await build({
    entryPoints: [
      path.join(repositoryRoot(), 'crossplane/function/src/main.ts'),
    ],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'warning',
  });
  const servers: LocalFunction[] = [];
  const stop = () => Promise.all(servers.map(s => s.stop())).then(() => {});
  try {
    servers.push(
      await startLocalFunction('function-meshifi', process.execPath, [bundle]),
      await startLocalFunction('function-auto-ready', functionAutoReady, []),
    );
    const functionsFile = path.join(workDir, 'functions.yaml');
    await fs.writeFile(
      functionsFile,
      developmentFunctions(servers)
        .map(f => stringify(f))
        .join('---\n'),
    );
    return { functionsFile, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
