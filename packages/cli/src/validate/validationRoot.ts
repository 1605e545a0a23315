import { git } from '@meshifi/node';
import { existsSync } from 'fs';
import path from 'path';
import { MESHIFI_FOLDERS } from '@meshifi/common';

/** Whether a folder holds meshifi's folders: the root of a GitOps repository. */
function holdsMeshifiFolders(folder: string): boolean {
  return MESHIFI_FOLDERS.some(name => existsSync(path.join(folder, name)));
}

/**
 * The folder `meshifi validate` checks when it is given none: the GitOps
 * repository the current folder is in, so that running it from
 * `domains/sales` checks the whole repository (a domain's files read from
 * inside would all be off the layout). Only a git work tree that holds
 * meshifi's folders counts, so that a home folder kept in git is never
 * walked; anywhere else the current folder is checked as it is.
 */
export async function validationRoot(cwd: string): Promise<string> {
  const top = await git(['rev-parse', '--show-toplevel'], { cwd })
    .then(out => out.trim())
    .catch(() => undefined);
  return top && holdsMeshifiFolders(top) ? top : cwd;
}
