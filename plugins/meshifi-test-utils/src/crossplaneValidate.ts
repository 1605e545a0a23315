import { execFile } from 'child_process';
import { promisify } from 'util';
import { CrossplaneTools } from './crossplaneTools';

const run = promisify(execFile);

/**
 * Runs the real `crossplane beta validate` of the resources (a file or
 * folder) against the schemas (CRDs or XRDs, files or folders), offline,
 * failing on a resource no schema covers. Says whether it passed, with what
 * the CLI printed either way.
 */
export async function crossplaneValidate(
  tools: CrossplaneTools,
  schemas: string[],
  resources: string,
): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run(tools.crossplane, [
      'beta',
      'validate',
      schemas.join(','),
      resources,
      '--error-on-missing-schemas',
      ...tools.validateFlags,
    ]);
    return { ok: true, output: stdout };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}
