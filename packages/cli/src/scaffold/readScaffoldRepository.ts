import {
  DataDomain,
  fileSizeProblem,
  isGitopsManifestPath,
  readGitopsFile,
} from '@meshifi/common';
import { Dirent, promises as fs } from 'fs';
import path from 'path';
import { ScaffoldRepository } from './Scaffolded';

/** The folders meshifi keeps manifests in: what a new manifest is checked against. */
const MANIFEST_FOLDERS = ['domains', 'products'];

/** Every path under a folder, without following links; none when it is absent. */
async function pathsUnder(root: string, folder: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(path.join(root, folder), {
      withFileTypes: true,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw new Error(
      `Cannot read ${folder} in the repository: ${(error as Error).message}`,
    );
  }
  const nested = await Promise.all(
    entries.map(async entry => {
      const relative = `${folder}/${entry.name}`;
      return entry.isDirectory()
        ? [relative, ...(await pathsUnder(root, relative))]
        : [relative];
    }),
  );
  return nested.flat();
}

/** A domain file's manifest, when it is one the platform reads. */
async function domainOf(
  root: string,
  file: string,
): Promise<DataDomain | undefined> {
  try {
    const stat = await fs.lstat(path.join(root, file));
    if (!stat.isFile() || fileSizeProblem(stat.size)) {
      return undefined;
    }
    const read = readGitopsFile(
      file,
      await fs.readFile(path.join(root, file), 'utf8'),
    );
    return read.ok && read.manifest.kind === 'DataDomain'
      ? read.manifest
      : undefined;
  } catch {
    // An unreadable domain file is meshifi validate's to report.
    return undefined;
  }
}

/**
 * What a GitOps working tree holds, for checking a new manifest: the paths
 * in meshifi's folders and the domains its valid domain files define.
 */
export async function readScaffoldRepository(
  root: string,
): Promise<ScaffoldRepository> {
  const paths = (
    await Promise.all(MANIFEST_FOLDERS.map(folder => pathsUnder(root, folder)))
  ).flat();
  const domainFiles = paths.filter(
    file => isGitopsManifestPath(file) && file.endsWith('/domain.yaml'),
  );
  const domains = await Promise.all(
    domainFiles.map(file => domainOf(root, file)),
  );
  return {
    paths,
    domains: domains.filter((d): d is DataDomain => d !== undefined),
  };
}
