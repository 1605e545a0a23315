import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  DataDomain,
  DataProduct,
  gitopsPath,
  gitopsYaml,
} from '@meshifi/common';
import { promises as fs } from 'fs';
import path from 'path';

/**
 * Writes a validated manifest into the workspace at its GitOps path, with a
 * YAML serializer. Returns the path and the YAML.
 */
export async function writeManifest(
  workspacePath: string,
  manifest: DataProduct | DataDomain,
): Promise<{ filePath: string; content: string }> {
  // gitopsPath validates the names, so the path cannot leave the workspace;
  // resolveSafeChildPath makes sure of it.
  const filePath = gitopsPath(manifest);
  const content = gitopsYaml(manifest);
  const target = resolveSafeChildPath(workspacePath, filePath);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, content, 'utf8');
  return { filePath, content };
}
